package io.stockwise.optimizer.domain;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;

/** An item asks for stored supply terms and none were published for its series. */
public final class SupplyTermsNotFound extends StockwiseException {
    /** Stable reason of the failure. */
    public static final String REASON = "SUPPLY_TERMS_NOT_FOUND";

    public SupplyTermsNotFound(int index, SeriesId series) {
        super(ErrorCode.FAILED_PRECONDITION, REASON, "items[" + index + "]: no supply terms stored for series " + series
                + " (none published on stockwise.supply.v1 for its SKU and location or '*')");
    }
}
