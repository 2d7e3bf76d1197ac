package io.stockwise.cli.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorDetailsProto;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Describes a failed gRPC call for people: {@code ERROR <code>: <description>}, then one indented
 * line per {@code google.rpc.Status} detail ({@code ErrorInfo}, each {@code BadRequest} field
 * violation, and the other standard details as JSON).
 */
public final class GrpcErrorFormat {
    private static final JsonFormat.Printer DETAIL_PRINTER = JsonFormat.printer()
            .preservingProtoFieldNames()
            .omittingInsignificantWhitespace()
            .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
                    .add(ErrorDetailsProto.getDescriptor().getMessageTypes())
                    .build());

    private GrpcErrorFormat() {}

    /** The lines describing {@code failure}, a {@code StatusRuntimeException} or anything with a status. */
    public static List<String> describe(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        List<String> lines = new ArrayList<>();
        StringBuilder first = new StringBuilder("ERROR ").append(status.getCode());
        if (status.getDescription() != null && !status.getDescription().isEmpty()) {
            first.append(": ").append(status.getDescription());
        }
        Throwable cause = status.getCause();
        if (cause != null && cause.getMessage() != null) {
            first.append(" (").append(cause.getMessage()).append(')');
        }
        lines.add(first.toString());
        com.google.rpc.Status details;
        try {
            details = StatusProto.fromThrowable(failure);
        } catch (RuntimeException e) {
            lines.add("  (malformed grpc-status-details-bin trailer: " + e.getMessage() + ")");
            return lines;
        }
        if (details == null) {
            return lines;
        }
        for (Any detail : details.getDetailsList()) {
            try {
                if (detail.is(ErrorInfo.class)) {
                    lines.add(errorInfo(detail.unpack(ErrorInfo.class)));
                } else if (detail.is(BadRequest.class)) {
                    for (BadRequest.FieldViolation v : detail.unpack(BadRequest.class).getFieldViolationsList()) {
                        lines.add(violation(v));
                    }
                } else {
                    lines.add(other(detail));
                }
            } catch (InvalidProtocolBufferException e) {
                lines.add("  " + detail.getTypeUrl() + ": malformed (" + e.getMessage() + ")");
            }
        }
        return lines;
    }

    private static String errorInfo(ErrorInfo info) {
        StringBuilder line = new StringBuilder("  ErrorInfo: reason=").append(info.getReason());
        if (!info.getDomain().isEmpty()) {
            line.append(" domain=").append(info.getDomain());
        }
        if (info.getMetadataCount() > 0) {
            line.append(" metadata=").append(new TreeMap<>(info.getMetadataMap()));
        }
        return line.toString();
    }

    private static String violation(BadRequest.FieldViolation v) {
        StringBuilder line = new StringBuilder("  BadRequest: field ").append(v.getField());
        if (!v.getDescription().isEmpty()) {
            line.append(": ").append(v.getDescription());
        }
        if (!v.getReason().isEmpty()) {
            line.append(" [").append(v.getReason()).append(']');
        }
        return line.toString();
    }

    private static String other(Any detail) {
        String typeName = detail.getTypeUrl().substring(detail.getTypeUrl().lastIndexOf('/') + 1);
        String shortName = typeName.substring(typeName.lastIndexOf('.') + 1);
        try {
            return "  " + shortName + ": " + DETAIL_PRINTER.print(detail).replaceFirst(
                    "^\\{\"@type\":\"[^\"]*\",?", "{");
        } catch (InvalidProtocolBufferException e) {
            return "  " + typeName + " (" + detail.getValue().size() + " bytes)";
        }
    }
}
