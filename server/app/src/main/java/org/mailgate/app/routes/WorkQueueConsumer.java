package org.mailgate.app.routes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.mailgate.api.spool.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Competing consumers on a stored queue: each worker, on its own virtual thread, claims up to
 * {@code batch} due entries, runs the route once on their ids (a {@code List<Long>} body) to the end,
 * then releases the claims. One thread carries its entries through the whole route, so no hand-off
 * between threads is paid per mail. At stop, workers finish what they hold and claim no more.
 */
final class WorkQueueConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueueConsumer.class);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

    private final WorkQueue queue;
    private final int workers;
    private final int batch;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    WorkQueueConsumer(WorkQueueEndpoint endpoint, Processor processor, WorkQueue queue, int workers, int batch) {
        super(endpoint, processor);
        this.queue = queue;
        this.workers = workers;
        this.batch = batch;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofVirtual().name(queue.name() + "-worker-" + (i + 1)).start(this::work));
        }
    }

    private void work() {
        while (running) {
            List<Long> claimed;
            try {
                claimed = queue.claim(batch);
            } catch (RuntimeException e) {
                LOG.error("{}: cannot read the queue: {}", queue.name(), e.getMessage(), e);
                pause();
                continue;
            }
            if (claimed.isEmpty()) {
                pause();
                continue;
            }
            try {
                Exchange exchange = createExchange(false);
                exchange.getMessage().setBody(claimed);
                getProcessor().process(exchange);
                if (exchange.getException() != null) {
                    LOG.error("{}: entries {} failed: {}", queue.name(), claimed, exchange.getException().getMessage(),
                            exchange.getException());
                }
                releaseExchange(exchange, false);
            } catch (Exception e) {
                LOG.error("{}: entries {} failed: {}", queue.name(), claimed, e.getMessage(), e);
            } finally {
                claimed.forEach(queue::release);
            }
        }
    }

    private void pause() {
        try {
            queue.awaitWork(IDLE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (RuntimeException e) {
            LOG.error("{}: waiting for work failed: {}", queue.name(), e.getMessage(), e);
        }
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        queue.wakeAll();
        for (Thread thread : threads) {
            thread.join();
        }
        threads.clear();
        super.doStop();
    }
}
