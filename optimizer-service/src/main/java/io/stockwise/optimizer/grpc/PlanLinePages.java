package io.stockwise.optimizer.grpc;

import io.stockwise.commons.error.StockwiseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Page tokens of ListPlanLines: the plan id and the index of the next line, opaque to clients. */
final class PlanLinePages {
    private PlanLinePages() {}

    static String token(UUID plan, int next) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((plan + ":" + next).getBytes(StandardCharsets.UTF_8));
    }

    /** The first line of the page a token asks for (0 for an empty token). */
    static int offset(String token, UUID plan) {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            var text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.lastIndexOf(':');
            if (colon < 0 || !text.substring(0, colon).equals(plan.toString())) {
                throw StockwiseException.invalid("page_token", "INVALID_FORMAT", "is not a token of plan " + plan);
            }
            int next = Integer.parseInt(text.substring(colon + 1));
            if (next < 0) {
                throw StockwiseException.invalid("page_token", "INVALID_FORMAT", "is not a page token");
            }
            return next;
        } catch (IllegalArgumentException e) {
            throw StockwiseException.invalid("page_token", "INVALID_FORMAT", "is not a page token");
        }
    }
}
