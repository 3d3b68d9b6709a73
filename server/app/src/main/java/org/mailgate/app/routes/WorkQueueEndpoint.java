package org.mailgate.app.routes;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.mailgate.api.spool.WorkQueue;

/** An endpoint that can only be consumed from: mail enters stored queues through the store, not Camel. */
public final class WorkQueueEndpoint extends DefaultEndpoint {

    private final WorkQueue queue;
    private int consumers = 1;
    private int batch = 1;

    WorkQueueEndpoint(String uri, WorkQueueComponent component, WorkQueue queue) {
        super(uri, component);
        this.queue = queue;
    }

    /** Entries processed at once, each on its own virtual thread. */
    public void setConsumers(int consumers) {
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1");
        }
        this.consumers = consumers;
    }

    public int getConsumers() {
        return consumers;
    }

    /** Entries one exchange carries at most (a list of ids); more per exchange means less routing per mail. */
    public void setBatch(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        this.batch = batch;
    }

    public int getBatch() {
        return batch;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("mail enters " + queue.name()
                + " through the store, never through a route");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        WorkQueueConsumer consumer = new WorkQueueConsumer(this, processor, queue, consumers, batch);
        configureConsumer(consumer);
        return consumer;
    }
}
