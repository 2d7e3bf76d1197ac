package io.stockwise.commons.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.StockwiseException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns failures into gRPC statuses with {@code google.rpc} details (AIP-193): a canonical code,
 * a short message, an {@code ErrorInfo} with a stable reason and the service's domain, and for
 * invalid arguments a {@code BadRequest} with one field violation per bad field. Unknown failures
 * become {@code INTERNAL}, logged once with their stack; never {@code UNKNOWN}.
 */
public final class GrpcErrors {
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());

    private GrpcErrors() {}

    /**
     * The status to send for {@code failure}.
     *
     * @param domain the service's error domain, e.g. {@code forecast.stockwise}
     */
    public static StatusRuntimeException toStatus(Throwable failure, String domain) {
        if (failure instanceof StatusRuntimeException sre) {
            return sre;
        }
        if (failure instanceof StatusException se) {
            return se.getStatus().asRuntimeException(se.getTrailers());
        }
        if (failure instanceof StockwiseException se) {
            return fromStockwise(se, domain);
        }
        LOG.log(Level.SEVERE, "Internal error in " + domain, failure);
        var status = com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE)
                .setMessage("internal error")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("INTERNAL").setDomain(domain).build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    private static StatusRuntimeException fromStockwise(StockwiseException e, String domain) {
        var status = com.google.rpc.Status.newBuilder()
                .setCode(code(e.code()).value())
                .setMessage(e.getMessage() == null ? e.reason() : e.getMessage())
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(e.reason()).setDomain(domain).build()));
        if (!e.violations().isEmpty()) {
            var badRequest = BadRequest.newBuilder();
            for (var v : e.violations()) {
                badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(v.field())
                        .setDescription(v.description())
                        .setReason(v.reason()));
            }
            status.addDetails(Any.pack(badRequest.build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /** The gRPC code for a domain failure class. */
    public static Status.Code code(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
            case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
        };
    }
}
