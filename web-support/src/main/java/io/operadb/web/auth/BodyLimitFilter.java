package io.operadb.web.auth;

import io.operadb.api.problem.ProblemKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads every request body once, refusing one larger than the limit with 413 before anything parses it; the body is
 * then kept so a signed request's hash and the controller see the same bytes.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(request, response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (body.length > maxBytes) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        ProblemWriter.write(request, response, ProblemKind.PAYLOAD_TOO_LARGE,
                "the request body is larger than " + maxBytes + " bytes");
    }
}
