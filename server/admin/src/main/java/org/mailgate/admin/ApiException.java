package org.mailgate.admin;

/** A request the API refuses, answered as James does: {@code {statusCode, type, message}}. */
final class ApiException extends Exception {

    private final int status;
    private final String type;

    private ApiException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "InvalidArgument", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "notFound", message);
    }

    /** The request conflicts with the state of what it names (an entry under delivery, not held...). */
    static ApiException conflict(String message) {
        return new ApiException(409, "Conflict", message);
    }

    static ApiException timeout(String message) {
        return new ApiException(408, "Timeout", message);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, "Unauthorized", message);
    }

    static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "InvalidArgument", message);
    }

    int status() {
        return status;
    }

    Response response() {
        return Response.error(status, type, getMessage());
    }
}
