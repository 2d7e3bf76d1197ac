package io.stockwise.commons.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {
    @Test
    void invalidArgumentCarriesErrorInfoAndFieldViolations() throws Exception {
        var e = GrpcErrors.toStatus(StockwiseException.invalid("horizon_days", "OUT_OF_RANGE", "must be between 1 and 366, was 400"),
                "forecast.stockwise");

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        var status = StatusProto.fromThrowable(e);
        assertThat(status.getMessage()).isEqualTo("horizon_days: must be between 1 and 366, was 400");
        var info = status.getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("INVALID_ARGUMENT");
        assertThat(info.getDomain()).isEqualTo("forecast.stockwise");
        var bad = status.getDetails(1).unpack(BadRequest.class);
        assertThat(bad.getFieldViolations(0).getField()).isEqualTo("horizon_days");
        assertThat(bad.getFieldViolations(0).getReason()).isEqualTo("OUT_OF_RANGE");
    }

    @Test
    void everyDomainCodeMapsToItsCanonicalStatus() {
        for (var code : ErrorCode.values()) {
            var e = GrpcErrors.toStatus(new StockwiseException(code, "X", "m"), "d");
            assertThat(e.getStatus().getCode().name()).isEqualTo(code.name());
        }
    }

    @Test
    void notFoundKeepsItsReason() throws Exception {
        var e = GrpcErrors.toStatus(new StockwiseException(ErrorCode.NOT_FOUND, "SERIES_NOT_FOUND", "series A/uk has no demand"), "d");
        assertThat(StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class).getReason()).isEqualTo("SERIES_NOT_FOUND");
    }

    @Test
    void unknownFailuresBecomeInternalNeverUnknown() {
        var e = GrpcErrors.toStatus(new IllegalStateException("boom"), "d");
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(e.getStatus().getDescription()).doesNotContain("boom");
    }

    @Test
    void statusExceptionsPassThrough() {
        var original = Status.RESOURCE_EXHAUSTED.withDescription("full").asRuntimeException();
        assertThat(GrpcErrors.toStatus(original, "d")).isSameAs(original);
    }
}
