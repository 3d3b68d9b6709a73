package org.mailgate.smtp.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates what a hostile or broken client may send: command streams built from SMTP's grammar
 * (valid, nearly valid and absurd commands, ESMTP parameters, DATA content with bare line ends, NULs,
 * dots, over-long lines), then mutated at byte level (flips, insertions, deletions, duplications, line
 * end swaps). AUTH exchanges (PLAIN and LOGIN with valid, wrong, garbled and over-long responses,
 * cancellations, someone else's authorization identity, AUTH inside a transaction) reach the SASL code;
 * {@link #USER} with {@link #PASSWORD} is the account a valid exchange names. Everything comes from one seed, so a failing case is replayed by its seed alone.
 */
final class SmtpStreams {

    /** The account of the server under test, which valid AUTH exchanges use. */
    static final String USER = "alice@local.example";
    static final String PASSWORD = "correct horse battery";

    private static final List<String> VERBS = List.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "RSET", "NOOP",
            "VRFY", "EXPN", "HELP", "QUIT", "STARTTLS", "AUTH", "BDAT", "ETRN", "XCLIENT", "TURN", "ehlo", "mail",
            "rcpt", "Data");
    private static final List<String> PATHS = List.of("<alice@local.example>", "<>", "<postmaster>",
            "<@relay.example:bob@local.example>", "<@a,@b:c@remote.example>", "<\"q u o\\\"t\"@local.example>",
            "alice@local.example", "<alice@local.example", "<<alice@local.example>>", "<a@[127.0.0.1]>",
            "<a@[IPv6:::1]>", "<a@[300.1.1.1]>", "<user%remote.example@local.example>", "<a@b@c>", "<@>", "<:>",
            "<\"unterminated@local.example>", "<a@remote.example>", "<a\u00e9@local.example>", "< a@local.example >",
            "<a@local.example.>", "<a@-bad-.example>", "<" + "x".repeat(300) + "@local.example>",
            "<a@" + "d".repeat(300) + ".example>");
    private static final List<String> PARAMETERS = List.of("SIZE=10", "SIZE=-1", "SIZE=99999999999999999999",
            "SIZE=", "SIZE", "BODY=8BITMIME", "BODY=7BIT", "BODY=BINARYMIME", "BODY=", "SMTPUTF8", "RET=HDRS",
            "RET=FULL", "RET=X", "ENVID=a+2Bb", "ENVID=+ZZ", "ENVID=" + "e".repeat(200), "NOTIFY=SUCCESS,FAILURE",
            "NOTIFY=NEVER,SUCCESS", "NOTIFY=", "ORCPT=rfc822;a+40b", "ORCPT=x", "ORCPT=rfc822;", "AUTH=<>", "=",
            "==", "X-UNKNOWN=1", "A=B=C");
    private static final List<String> CONTENT_LINES = List.of("Subject: fuzz", "From: a@local.example", ".", "..",
            "...", ". ", "", " folded", "no-colon header", ":empty name", "X-Long: " + "h".repeat(1200),
            "body \u00e9\u00e8", "\u0000nul", "tab\there", ".\r\n.", "\r", "\n");

    /** Not java.util.Random: its first draws for consecutive seeds (the cases of one run) hardly differ. */
    private final SplittableRandom random;

    SmtpStreams(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One client's whole input. */
    byte[] next() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(4)) {
            // a well-behaved start, so that the deeper states (recipients given, DATA) are reached too
            case 0, 1 -> {
                write(out, "EHLO client.example\r\nMAIL FROM:<a@remote.example>\r\nRCPT TO:<b@local.example>\r\n");
                if (random.nextBoolean()) {
                    write(out, "DATA\r\n" + content());
                }
            }
            // an authenticated start, so that relaying (and what comes after it) is reached too
            case 2 -> {
                write(out, "EHLO client.example\r\nAUTH PLAIN " + plain("", USER, PASSWORD) + "\r\nMAIL FROM:<"
                        + USER + ">\r\nRCPT TO:<c@remote.example>\r\n");
                if (random.nextBoolean()) {
                    write(out, "DATA\r\n" + content());
                }
            }
            default -> {
            }
        }
        int commands = 1 + random.nextInt(16);
        for (int i = 0; i < commands; i++) {
            write(out, command());
        }
        byte[] stream = out.toByteArray();
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            stream = mutate(stream);
        }
        return stream;
    }

    private String command() {
        return switch (random.nextInt(12)) {
            case 0, 1 -> pick(List.of("EHLO", "HELO", "ehlo")) + " " + pick(List.of("client.example", "[127.0.0.1]",
                    "[IPv6:::1]", "", "a b c", "x".repeat(600), "-", "local.example")) + crlf();
            case 2, 3 -> "MAIL FROM:" + pick(PATHS) + parameters() + crlf();
            case 4, 5 -> "RCPT TO:" + pick(PATHS) + parameters() + crlf();
            case 6 -> "DATA" + crlf() + content();
            case 7 -> pick(VERBS) + (random.nextBoolean() ? "" : " " + pick(PATHS)) + crlf();
            case 8 -> randomLine();
            case 10, 11 -> auth();
            default -> pick(List.of("RSET", "NOOP", "QUIT", "STARTTLS", "AUTH PLAIN", "AUTH LOGIN", "BDAT 10 LAST",
                    "VRFY postmaster", "HELP me", "NOOP " + "n".repeat(3000))) + crlf();
        };
    }

    /** An AUTH command and the responses of its exchange, as a client may send them in one go. */
    private String auth() {
        String mechanism = pick(List.of("PLAIN", "LOGIN", "plain", "Login", "CRAM-MD5", "XOAUTH2", "", "PLAIN LOGIN"));
        StringBuilder exchange = new StringBuilder();
        if (random.nextInt(4) == 0) {
            // inside a mail transaction, before DATA
            exchange.append("MAIL FROM:<").append(USER).append(">").append(crlf());
        }
        exchange.append("AUTH");
        if (!mechanism.isEmpty()) {
            exchange.append(' ').append(mechanism);
        }
        boolean login = mechanism.equalsIgnoreCase("LOGIN");
        boolean initial = random.nextBoolean();
        if (initial) {
            exchange.append(' ').append(login ? saslResponse(base64(USER)) : saslResponse(plainResponse()));
        }
        exchange.append(crlf());
        int responses = (login ? 2 : 1) - (initial ? 1 : 0) + (random.nextInt(6) == 0 ? 1 : 0);
        for (int i = 0; i < responses; i++) {
            String valid = login ? base64(i == 0 && !initial ? USER : PASSWORD) : plainResponse();
            exchange.append(saslResponse(valid)).append(crlf());
        }
        return exchange.toString();
    }

    /** PLAIN's response: mostly well formed, with the right, a wrong or no password, or for someone else. */
    private String plainResponse() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> plain("", USER, PASSWORD);
            case 2 -> plain("", USER, "wrong " + random.nextInt(100));
            case 3 -> plain(pick(List.of("bob@local.example", USER.toUpperCase(Locale.ROOT), "postmaster")),
                    USER, PASSWORD);
            case 4 -> base64(pick(List.of("", "\0", "\0\0", "\0" + USER, USER + "\0" + PASSWORD, "\0\0\0\0",
                    "\0" + USER + "\0" + PASSWORD + "\0", "\0\u00e9\u0000\uffff\0x", "\0" + "u".repeat(400) + "\0p")));
            default -> plain("", pick(PATHS), pick(List.of(PASSWORD, "", "\r\n", "x".repeat(300))));
        };
    }

    /** A client's response line: mostly {@code valid}, else a cancel, garbage, or one far too long. */
    private String saslResponse(String valid) {
        return switch (random.nextInt(10)) {
            case 0 -> "*";
            case 1 -> pick(List.of("=", "", " ", "==", "====", "*=", "A", "AAA", "AA=A", "%%%", valid + " extra",
                    valid.toLowerCase(Locale.ROOT), valid.substring(0, valid.length() / 2)));
            case 2 -> {
                byte[] bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
                yield Base64.getEncoder().encodeToString(bytes);
            }
            case 3 -> random.nextBoolean() ? "QUFB".repeat(3_072 + random.nextInt(2)) : "A".repeat(13_000);
            default -> valid;
        };
    }

    private static String plain(String authzid, String user, String password) {
        return base64(authzid + "\0" + user + "\0" + password);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private String parameters() {
        StringBuilder p = new StringBuilder();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            p.append(' ').append(pick(PARAMETERS));
        }
        return p.toString();
    }

    private String content() {
        StringBuilder c = new StringBuilder();
        int lines = random.nextInt(12);
        for (int i = 0; i < lines; i++) {
            c.append(pick(CONTENT_LINES)).append(crlf());
        }
        if (random.nextInt(5) > 0) {
            c.append(".\r\n");
        }
        return c.toString();
    }

    private String randomLine() {
        StringBuilder line = new StringBuilder();
        int length = random.nextInt(80);
        for (int i = 0; i < length; i++) {
            line.append((char) random.nextInt(random.nextBoolean() ? 128 : 256));
        }
        return line.append(crlf()).toString();
    }

    private String crlf() {
        return switch (random.nextInt(20)) {
            case 0 -> "\n";
            case 1 -> "\r";
            case 2 -> "\r\r\n";
            default -> "\r\n";
        };
    }

    private byte[] mutate(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        int at = random.nextInt(in.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 16);
        switch (random.nextInt(5)) {
            case 0 -> {
                byte[] copy = in.clone();
                copy[at] = (byte) random.nextInt(256);
                return copy;
            }
            case 1 -> {
                out.write(in, 0, at);
                int n = 1 + random.nextInt(8);
                for (int i = 0; i < n; i++) {
                    out.write(random.nextInt(256));
                }
                out.write(in, at, in.length - at);
            }
            case 2 -> {
                int length = Math.min(in.length - at, 1 + random.nextInt(32));
                out.write(in, 0, at);
                out.write(in, at + length, in.length - at - length);
            }
            case 3 -> {
                int length = Math.min(in.length - at, 1 + random.nextInt(64));
                out.write(in, 0, at + length);
                out.write(in, at, in.length - at);
            }
            default -> {
                return new String(in, StandardCharsets.ISO_8859_1).replace("\r\n", random.nextBoolean() ? "\n" : "\r")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        return out.toByteArray();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** How the client hands the stream over: chunk sizes, so commands straddle packets. */
    int nextChunk(int remaining) {
        return Math.min(remaining, 1 + random.nextInt(random.nextBoolean() ? 8 : 4096));
    }
}
