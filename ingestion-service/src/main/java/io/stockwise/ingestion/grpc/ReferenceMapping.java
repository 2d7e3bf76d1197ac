package io.stockwise.ingestion.grpc;

import com.google.protobuf.Timestamp;
import io.stockwise.ingestion.domain.CalendarEntry;
import io.stockwise.ingestion.domain.DayInput;
import io.stockwise.ingestion.domain.InventoryPosition;
import io.stockwise.ingestion.domain.Location;
import io.stockwise.ingestion.domain.PricePeriod;
import io.stockwise.ingestion.domain.Product;
import io.stockwise.ingestion.domain.SupplyTerms;
import io.stockwise.ingestion.domain.UpsertCounts;
import io.stockwise.proto.v1.CalendarEventRecord;
import io.stockwise.proto.v1.Date;
import io.stockwise.proto.v1.InventoryPositionRecord;
import io.stockwise.proto.v1.LocationRecord;
import io.stockwise.proto.v1.PriceRecord;
import io.stockwise.proto.v1.ProductRecord;
import io.stockwise.proto.v1.SupplyTermsRecord;
import io.stockwise.proto.v1.UpsertSummary;

/** Proto records of the reference-data rpcs to domain records and back; no rules here. */
final class ReferenceMapping {
    private ReferenceMapping() {}

    static DayInput day(boolean present, Date d) {
        return present ? new DayInput(d.getYear(), d.getMonth(), d.getDay()) : new DayInput(0, 0, 0);
    }

    static Product product(ProductRecord r) {
        return new Product(r.getSkuId(), r.getName(), r.getGroupId(), r.getUnitVolumeLiters());
    }

    static Location location(LocationRecord r) {
        return new Location(r.getLocationId(), r.getName(), r.getKindValue(), r.getTimeZone());
    }

    static CalendarEntry calendar(CalendarEventRecord r) {
        return new CalendarEntry(day(r.hasDate(), r.getDate()), r.getLocationId(), r.getKindValue(), r.getName(), r.getTradingDay());
    }

    static PricePeriod price(PriceRecord r) {
        return new PricePeriod(r.getSeries().getSkuId(), r.getSeries().getLocationId(), day(r.hasValidFrom(), r.getValidFrom()),
                day(r.hasValidTo(), r.getValidTo()), r.getUnitPrice(), r.getCurrencyCode(), r.getOnPromotion());
    }

    static InventoryPosition inventory(InventoryPositionRecord r) {
        Timestamp t = r.getObserveTime();
        return new InventoryPosition(r.getSeries().getSkuId(), r.getSeries().getLocationId(), r.getOnHand(),
                r.getOnOrderList().stream()
                        .map(o -> new InventoryPosition.OnOrder(o.getQuantity(), day(o.hasExpectedArrivalDate(), o.getExpectedArrivalDate()),
                                o.getOrderId()))
                        .toList(),
                r.hasObserveTime() ? t.getSeconds() : null, t.getNanos());
    }

    static SupplyTerms supply(SupplyTermsRecord r) {
        return new SupplyTerms(r.getSkuId(), r.getSupplierId(), r.getLocationId(), r.getLeadTimeMeanDays(), r.getLeadTimeSdDays(),
                r.getLeadTimeDistributionList().stream()
                        .map(p -> new SupplyTerms.LeadTimePoint(p.getDays(), p.getProbability())).toList(),
                r.getReviewPeriodDays(), r.getMinOrderQuantity(), r.getCasePack(), r.getUnitCost(), r.getOrderCost(),
                r.getCurrencyCode());
    }

    static UpsertSummary summary(UpsertCounts c) {
        return UpsertSummary.newBuilder().setReceivedCount(c.received()).setCreatedCount(c.created())
                .setUpdatedCount(c.updated()).setUnchangedCount(c.unchanged()).build();
    }
}
