package org.mailgate.container.engine;

import java.util.List;

/** A named, ordered list of steps. */
public record Processor(String name, List<Step> steps) {

    public Processor {
        steps = List.copyOf(steps);
    }
}
