package io.stockwise.feature.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stockwise.commons.error.StockwiseException;
import io.stockwise.commons.grpc.ProtoDates;
import io.stockwise.feature.domain.SaleFact;
import io.stockwise.feature.domain.SaleKind;
import io.stockwise.proto.v1.SaleEvent;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Turns a {@code stockwise.sales.v1} record into a {@link SaleFact}, or says why it cannot. */
final class SaleEventDecoder {
    /** The value is not a SaleEvent (or there is no value). */
    static final String UNPARSEABLE = "UNPARSEABLE";
    /** The value is a SaleEvent, but a field needed to apply it is missing or invalid. */
    static final String INVALID_EVENT = "INVALID_EVENT";

    private SaleEventDecoder() {}

    /** The outcome of decoding one record. */
    sealed interface Decoded permits Fact, Rejected {}

    record Fact(SaleFact fact) implements Decoded {}

    /** @param field the first bad field, empty when the whole value is bad */
    record Rejected(String reason, String field, String description) implements Decoded {}

    static Decoded decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return new Rejected(UNPARSEABLE, "", "the record has no value");
        }
        SaleEvent event;
        try {
            event = SaleEvent.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            return new Rejected(UNPARSEABLE, "", "not a stockwise.v1.SaleEvent: " + e.getMessage());
        }
        try {
            LocalDate date = ProtoDates.isUnset(event.getBusinessDate())
                    ? null
                    : ProtoDates.toLocalDate(event.getBusinessDate(), "business_date");
            Instant ingestTime = event.hasIngestTime()
                    ? Instant.ofEpochSecond(event.getIngestTime().getSeconds(), event.getIngestTime().getNanos())
                    : null;
            return new Fact(SaleFact.of(event.getEventId(), event.getSeries().getSkuId(),
                    event.getSeries().getLocationId(), date, event.getQuantity(), event.getUnitPrice(),
                    kind(event), ingestTime, event.getOnPromotion()));
        } catch (StockwiseException e) {
            var field = e.violations().isEmpty() ? "" : e.violations().get(0).field();
            return new Rejected(INVALID_EVENT, field, e.getMessage());
        }
    }

    private static SaleKind kind(SaleEvent event) {
        return switch (event.getKind()) {
            case SALE_KIND_UNSPECIFIED, SALE_KIND_SALE -> SaleKind.SALE;
            case SALE_KIND_CANCELLATION -> SaleKind.CANCELLATION;
            case SALE_KIND_RETURN -> SaleKind.RETURN;
            case SALE_KIND_ADJUSTMENT -> SaleKind.ADJUSTMENT;
            case UNRECOGNIZED -> SaleKind.UNKNOWN;
        };
    }
}
