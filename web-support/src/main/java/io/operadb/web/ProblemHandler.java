package io.operadb.web;

import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.Problem;
import io.operadb.api.problem.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.common.AxonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.net.URI;
import java.util.List;

/**
 * Every error of both APIs leaves as RFC 9457 problem+json with a stable type. Bad input is never a 500:
 * only a genuine fault is, and that one is logged with its stack trace and shown without internals.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(OperaDbException.class)
    public ResponseEntity<ProblemDetail> domain(OperaDbException e, HttpServletRequest request) {
        return ProblemResponses.of(e.problem(), request.getRequestURI());
    }

    /** Axon wraps handler exceptions when commands cross a process boundary; the problem rides in its details. */
    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> command(CommandExecutionException e, HttpServletRequest request) {
        Object details = e.getDetails().orElse(null);
        if (details instanceof Problem problem) {
            return ProblemResponses.of(problem, request.getRequestURI());
        }
        Throwable cause = e.getCause();
        if (cause instanceof OperaDbException domain) {
            return domain(domain, request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e, HttpServletRequest request) {
        return ProblemResponses.of(Problem.of(ProblemKind.UNKNOWN_ENTITY, "no such entity"), request.getRequestURI());
    }

    /** Two writers raced for the same entity version: the loser learns it here, nothing of its was written. */
    @ExceptionHandler(ConflictingModificationException.class)
    public ResponseEntity<ProblemDetail> conflict(AxonException e, HttpServletRequest request) {
        if (isConcurrency(e)) {
            return ProblemResponses.of(Problem.of(ProblemKind.VERSION_CONFLICT,
                    "the entity was changed concurrently; read it again and retry"), request.getRequestURI());
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return ProblemResponses.of(new Problem(ProblemKind.INVALID_INPUT, "the request body is not valid JSON",
                List.of(new FieldError("body", rootMessage(e)))), request.getRequestURI());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            MissingRequestHeaderException.class})
    public ResponseEntity<ProblemDetail> badParameter(Exception e, HttpServletRequest request) {
        String name = "request";
        if (e instanceof MissingServletRequestParameterException m) {
            name = "query." + m.getParameterName();
        } else if (e instanceof MethodArgumentTypeMismatchException m) {
            name = "query." + m.getName();
        } else if (e instanceof MissingRequestHeaderException m) {
            name = "header." + m.getHeaderName();
        }
        return ProblemResponses.of(new Problem(ProblemKind.INVALID_INPUT, "a request parameter is missing or invalid",
                List.of(new FieldError(name, e.getMessage()))), request.getRequestURI());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<ProblemDetail> noRoute(NoResourceFoundException e, HttpServletRequest request) {
        return ProblemResponses.of(Problem.of(ProblemKind.NOT_FOUND, "no such resource"), request.getRequestURI());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return plain(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", e.getMessage(), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return plain(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "send the body as application/json", request);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        Throwable domain = findDomainCause(e);
        if (domain instanceof OperaDbException operaDb) {
            return domain(operaDb, request);
        }
        if (isConcurrency(e)) {
            return ProblemResponses.of(Problem.of(ProblemKind.VERSION_CONFLICT,
                    "the entity was changed concurrently; read it again and retry"), request.getRequestURI());
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return plain(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "an unexpected error occurred; it has been logged", request);
    }

    private static ResponseEntity<ProblemDetail> plain(HttpStatus status, String slug, String detail,
                                                       HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("https://operadb.io/problems/" + slug));
        body.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static Throwable findDomainCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OperaDbException) {
                return t;
            }
        }
        return null;
    }

    /** A duplicate (aggregate, sequence) key in the store means another command won the same version. */
    private static boolean isConcurrency(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.contains("Concurrency") || name.contains("AggregateStreamCreation")
                    || name.contains("ConflictingModification")
                    || (t.getMessage() != null && t.getMessage().contains("E11000"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "unreadable" : t.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
