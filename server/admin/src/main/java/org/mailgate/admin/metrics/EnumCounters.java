package org.mailgate.admin.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A counter for every pair of two enums' values, made up front: {@code name{first=..., second=...}}, so
 * that counting is an array read and an increment.
 */
final class EnumCounters<A extends Enum<A>, B extends Enum<B>> {

    private final Counter[][] counters;

    EnumCounters(MeterRegistry registry, String name, String description, String firstTag, Class<A> first,
                 String secondTag, Class<B> second) {
        A[] as = first.getEnumConstants();
        B[] bs = second.getEnumConstants();
        counters = new Counter[as.length][bs.length];
        for (A a : as) {
            for (B b : bs) {
                counters[a.ordinal()][b.ordinal()] = Counter.builder(name).tag(firstTag, Labels.of(a))
                        .tag(secondTag, Labels.of(b)).description(description).register(registry);
            }
        }
    }

    void increment(A a, B b) {
        counters[a.ordinal()][b.ordinal()].increment();
    }
}
