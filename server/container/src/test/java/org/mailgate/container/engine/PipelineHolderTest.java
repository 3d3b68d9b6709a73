package org.mailgate.container.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.junit.jupiter.api.Test;
import org.mailgate.container.config.FailurePolicy;

class PipelineHolderTest {

    /** Counts how often it is destroyed. */
    static final class Destroyable extends GenericMailet {
        final AtomicInteger destroyed = new AtomicInteger();

        @Override
        public void service(Mail mail) {
        }

        @Override
        public void destroy() {
            destroyed.incrementAndGet();
        }
    }

    static Pipeline pipelineWith(Destroyable mailet) {
        org.apache.mailet.base.GenericMatcher none = new org.apache.mailet.base.GenericMatcher() {
            @Override
            public java.util.Collection<org.apache.james.core.MailAddress> match(Mail mail) {
                return List.of();
            }
        };
        Step step = new Step(none, mailet, new FailurePolicy.ToError(), new FailurePolicy.ToError(), "test");
        return new Pipeline(Map.of("root", new Processor("root", List.of(step))));
    }

    final Destroyable first = new Destroyable();
    final Destroyable second = new Destroyable();
    final PipelineHolder holder = new PipelineHolder(pipelineWith(first));

    @Test
    void aReplacedPipelineWithoutMailIsDestroyedAtOnce() {
        holder.replace(pipelineWith(second));

        assertThat(first.destroyed).hasValue(1);
        assertThat(second.destroyed).hasValue(0);
    }

    @Test
    void aReplacedPipelineIsDestroyedOnlyWhenTheLastMailOnItIsDone() {
        Pipeline old = holder.current();
        PipelineHolder.Lease one = holder.lease();
        PipelineHolder.Lease two = holder.lease();

        holder.replace(pipelineWith(second));
        assertThat(holder.current()).isNotSameAs(old);
        try (PipelineHolder.Lease fresh = holder.lease()) {
            assertThat(fresh.pipeline()).as("new mail takes the new pipeline").isSameAs(holder.current());
        }
        assertThat(one.pipeline()).as("mail in flight keeps its pipeline").isSameAs(old);
        one.close();
        one.close();
        assertThat(first.destroyed).as("one mail is still on it").hasValue(0);
        two.close();
        assertThat(first.destroyed).hasValue(1);
        assertThat(second.destroyed).as("the current one is alive").hasValue(0);
    }

    @Test
    void closingDestroysTheCurrentPipelineOnceItsMailIsDone() {
        PipelineHolder.Lease lease = holder.lease();
        holder.close();
        holder.close();
        assertThat(first.destroyed).hasValue(0);
        lease.close();
        assertThat(first.destroyed).hasValue(1);
    }

    @Test
    void noLeaseIsGivenOnceTheClosedHoldersPipelineIsDestroyed() {
        holder.close();

        assertThatThrownBy(holder::lease).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
