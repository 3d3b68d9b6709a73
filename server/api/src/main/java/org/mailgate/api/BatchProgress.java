package org.mailgate.api;

/**
 * Told how a long operation stands after each batch it committed; answers whether to go on. A
 * stopped operation keeps what its committed batches did.
 */
@FunctionalInterface
public interface BatchProgress {

    /** Goes on to the end. */
    BatchProgress TO_THE_END = counts -> true;

    /** @return {@code false} to stop before the next batch */
    boolean proceed(Counts soFar);

    /**
     * @param processed entries the operation applied to
     * @param skipped   entries it matched but left alone (being delivered at the moment, or not applicable)
     */
    record Counts(long processed, long skipped) {

        public static final Counts NONE = new Counts(0, 0);

        public Counts plus(long moreProcessed, long moreSkipped) {
            return new Counts(processed + moreProcessed, skipped + moreSkipped);
        }
    }
}
