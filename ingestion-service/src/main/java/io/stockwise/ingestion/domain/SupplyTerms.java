package io.stockwise.ingestion.domain;

import java.util.List;

/**
 * What it takes to buy a SKU from a supplier, keyed by (sku, supplier, location). The lead time is
 * either a mean and standard deviation or an empirical distribution, never both.
 *
 * @param locationId the receiving location, or empty for every location
 */
public record SupplyTerms(String skuId, String supplierId, String locationId, double leadTimeMeanDays,
        double leadTimeSdDays, List<LeadTimePoint> leadTimeDistribution, int reviewPeriodDays, double minOrderQuantity,
        double casePack, double unitCost, double orderCost, String currencyCode) {

    /** The same terms from another supplier. */
    public SupplyTerms withSupplier(String supplier) {
        return new SupplyTerms(skuId, supplier, locationId, leadTimeMeanDays, leadTimeSdDays, leadTimeDistribution,
                reviewPeriodDays, minOrderQuantity, casePack, unitCost, orderCost, currencyCode);
    }

    /** One point of an empirical lead-time distribution. */
    public record LeadTimePoint(int days, double probability) {}
}
