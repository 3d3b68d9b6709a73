package org.mailgate.app.control;

/**
 * The running gateway's answer through its {@link ControlSocket}.
 *
 * @param ok   whether the request succeeded
 * @param text what to print
 */
public record ControlAnswer(boolean ok, String text) {
}
