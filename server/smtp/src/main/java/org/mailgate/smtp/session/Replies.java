package org.mailgate.smtp.session;

/** The fixed replies, in one place. Replies that carry data are built where the data is. */
public final class Replies {

    public static final Reply OK = Reply.of(250, "2.0.0", "OK");
    public static final Reply RESET = Reply.of(250, "2.0.0", "Flushed");
    public static final Reply SENDER_OK = Reply.of(250, "2.1.0", "Sender OK");
    public static final Reply RECIPIENT_OK = Reply.of(250, "2.1.5", "Recipient OK");
    public static final Reply START_DATA = Reply.of(354, "", "End data with <CR><LF>.<CR><LF>");
    public static final Reply VRFY = Reply.of(252, "2.5.0",
            "Cannot VRFY user, but will accept message and attempt delivery");
    public static final Reply BYE = Reply.of(221, "2.0.0", "Bye");
    public static final Reply READY_TO_START_TLS = Reply.of(220, "2.0.0", "Ready to start TLS");

    public static final Reply TIMEOUT = Reply.of(421, "4.4.2", "Timeout, closing connection");
    public static final Reply SHUTTING_DOWN = Reply.of(421, "4.3.2", "Service shutting down, try again later");
    public static final Reply TOO_MANY_CONNECTIONS = Reply.of(421, "4.7.0", "Too many connections, try again later");
    public static final Reply TOO_MANY_FROM_YOU = Reply.of(421, "4.7.0",
            "Too many connections from your address, try again later");
    public static final Reply CONNECTING_TOO_OFTEN = Reply.of(421, "4.7.0",
            "Too many connections from your address in the last minute, try again later");
    public static final Reply TOO_MANY_MESSAGES_IN_SESSION = Reply.of(421, "4.7.0",
            "Too many messages in this session, connect again to send more");
    public static final Reply TOO_MANY_ERRORS = Reply.of(421, "4.7.0", "Too many errors, closing connection");
    public static final Reply SESSION_TOO_LONG = Reply.of(421, "4.4.2", "Session time limit exceeded, closing connection");
    public static final Reply TOO_MANY_MESSAGES_A_MINUTE = Reply.of(451, "4.7.0",
            "Too many messages from your address in the last minute, try again later");
    public static final Reply TOO_MANY_RECIPIENTS_IN_SESSION = Reply.of(452, "4.5.3",
            "Too many recipients in this session, connect again to send more");
    public static final Reply TOO_MANY_RECIPIENTS_A_MINUTE = Reply.of(452, "4.5.3",
            "Too many recipients from your address in the last minute, try again later");
    public static final Reply STORAGE_FAILED = Reply.of(451, "4.3.0", "Temporary local problem, try again later");
    public static final Reply TLS_UNAVAILABLE = Reply.of(454, "4.7.0", "TLS not available due to temporary reason");
    public static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "4.5.3", "Too many recipients");

    public static final Reply UNKNOWN_COMMAND = Reply.of(500, "5.5.2", "Command unrecognized");
    public static final Reply LINE_TOO_LONG = Reply.of(500, "5.5.2", "Line too long");
    public static final Reply CONTROL_CHARACTERS = Reply.of(500, "5.5.2",
            "Control characters in command; lines must end with CRLF");
    public static final Reply NOT_ASCII = Reply.of(500, "5.5.2", "Non-ASCII characters in command");
    public static final Reply NO_ARGUMENTS_ALLOWED = Reply.of(501, "5.5.4", "No parameters allowed");
    public static final Reply NOT_IMPLEMENTED = Reply.of(502, "5.5.1", "Command not implemented");
    public static final Reply HELLO_FIRST = Reply.of(503, "5.5.1", "Send HELO or EHLO first");
    public static final Reply TLS_ALREADY_ACTIVE = Reply.of(503, "5.5.1", "TLS already active");
    public static final Reply NESTED_MAIL = Reply.of(503, "5.5.1", "Sender already specified");
    public static final Reply MAIL_FIRST = Reply.of(503, "5.5.1", "Need MAIL before RCPT");
    public static final Reply NEED_MAIL_BEFORE_DATA = Reply.of(503, "5.5.1", "Need MAIL and RCPT before DATA");
    public static final Reply NO_VALID_RECIPIENTS = Reply.of(554, "5.5.1", "No valid recipients");
    public static final Reply EARLY_TALKER = Reply.of(554, "5.5.1",
            "Protocol error: you sent commands before the greeting");
    public static final Reply RELAY_DENIED = Reply.of(550, "5.7.1", "Relaying denied");

    public static final Reply MESSAGE_TOO_BIG = Reply.of(552, "5.3.4", "Message size exceeds fixed maximum");
    public static final Reply HEADERS_TOO_BIG = Reply.of(552, "5.3.4", "Message header section too large");
    public static final Reply TOO_MANY_HEADERS = Reply.of(552, "5.3.4", "Message has too many header fields");
    public static final Reply BARE_LINE_END = Reply.of(554, "5.6.0",
            "Message rejected: bare CR or LF found; lines must end with CRLF");
    public static final Reply DATA_LINE_TOO_LONG = Reply.of(554, "5.6.0",
            "Message rejected: a line is longer than 998 characters");

    // sender checks of the <handlerchain> (org.mailgate.smtp.hook); DNS trouble is always 4xx
    public static final Reply HELO_INVALID = Reply.of(501, "5.5.2",
            "Invalid HELO/EHLO name: give your fully qualified host name or an address literal");
    public static final Reply CLIENT_DNS_TEMPORARY = Reply.of(451, "4.4.3",
            "Temporary DNS failure while checking your client, try again later");
    public static final Reply REVERSE_DNS_FAILED = Reply.of(550, "5.7.25",
            "Reverse DNS of your address does not resolve back to it");
    public static final Reply REVERSE_DNS_TEMPORARY = Reply.of(451, "4.7.25",
            "Temporary DNS failure while checking your reverse DNS, try again later");
    public static final Reply SENDER_DOMAIN_TEMPORARY = Reply.of(451, "4.1.8",
            "Temporary DNS failure while checking the sender domain, try again later");
    public static final Reply SPF_TEMPERROR = Reply.of(451, "4.7.24",
            "Temporary DNS failure while checking the sender's SPF record, try again later");
    public static final Reply SPF_PERMERROR = Reply.of(550, "5.7.24",
            "The sender domain's SPF record is invalid");
    public static final Reply UNKNOWN_USER = Reply.of(550, "5.1.1", "No such user here");

    // SMTP AUTH (RFC 4954) and the sender checks that follow from it
    public static final Reply AUTH_CHALLENGE_EMPTY = Reply.plain(334, "");
    public static final Reply AUTH_OK = Reply.of(235, "2.7.0", "Authentication successful");
    public static final Reply AUTH_FAILED = Reply.of(535, "5.7.8", "Authentication credentials invalid");
    public static final Reply AUTH_CANCELLED = Reply.of(501, "5.0.0", "Authentication cancelled");
    public static final Reply AUTH_BAD_BASE64 = Reply.of(501, "5.5.2", "Cannot decode the base64 response");
    public static final Reply AUTH_BAD_RESPONSE = Reply.of(501, "5.5.2",
            "Malformed response: PLAIN needs authzid NUL authcid NUL password");
    public static final Reply AUTH_LINE_TOO_LONG = Reply.of(500, "5.5.6", "Authentication exchange line is too long");
    public static final Reply AUTH_SYNTAX = Reply.of(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]");
    public static final Reply AUTH_MECHANISM_UNKNOWN = Reply.of(504, "5.5.4",
            "Unrecognized authentication type; use PLAIN or LOGIN");
    public static final Reply AUTH_NOT_OFFERED = Reply.of(502, "5.5.1", "Authentication is not offered here");
    public static final Reply AUTH_EHLO_FIRST = Reply.of(503, "5.5.1", "Send EHLO before AUTH");
    public static final Reply AUTH_ALREADY = Reply.of(503, "5.5.1", "Already authenticated");
    public static final Reply AUTH_IN_TRANSACTION = Reply.of(503, "5.5.1",
            "AUTH is not allowed during a mail transaction");
    public static final Reply AUTH_NEEDS_TLS = Reply.of(538, "5.7.11",
            "Encryption required for requested authentication mechanism; use STARTTLS first");
    public static final Reply AUTH_REQUIRED = Reply.of(530, "5.7.0", "Authentication required");
    public static final Reply AUTH_UNAVAILABLE = Reply.of(454, "4.7.0", "Temporary authentication failure");
    public static final Reply AUTH_TOO_MANY_FROM_YOU = Reply.of(454, "4.7.0",
            "Too many failed authentications from your address, try again later");
    public static final Reply AUTH_TOO_MANY_FAILURES = Reply.of(421, "4.7.0",
            "Too many failed authentications, closing connection");

    private Replies() {
    }
}
