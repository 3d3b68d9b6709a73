package org.mailgate.container.testmailets;

/** A collaborator a test mailet receives through Guice. */
public final class Greeter {

    public String greet(String name) {
        return "hello " + name;
    }
}
