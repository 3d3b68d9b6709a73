package org.mailgate.api.metrics;

/**
 * Times one matcher or one mailet of a pipeline step. Made once when the pipeline is built, so that
 * timing a mail is one {@link #record} of a meter made in advance; released when that pipeline is
 * destroyed, so that the series of steps a reload removed do not pile up.
 */
public interface StepTimer {

    /** Times nothing: for a pipeline used without monitoring. */
    StepTimer NONE = new StepTimer() {
        @Override
        public void record(long nanos) {
        }

        @Override
        public void release() {
        }
    };

    /** One run took {@code nanos} nanoseconds. */
    void record(long nanos);

    /** The pipeline that used this timer is gone; its series goes too unless a newer pipeline uses it. */
    void release();
}
