package org.mailgate.api.metrics;

/**
 * Which step of the pipeline a {@link StepTimer} times, as its series are labelled.
 *
 * @param processor the processor's name ({@code transport})
 * @param position  the step's place in the processor, from 1
 * @param mailet    the mailet's class as configured ({@code RemoteDelivery})
 * @param matcher   the matcher's name as configured ({@code RecipientIsLocal}; {@code All} when none is given)
 */
public record StepName(String processor, int position, String mailet, String matcher) {
}
