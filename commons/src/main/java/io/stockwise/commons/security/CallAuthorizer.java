package io.stockwise.commons.security;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;

/**
 * Decides whether a call may proceed: open methods always; others need a valid bearer token whose
 * roles meet the method's rule. Refusals are {@code UNAUTHENTICATED} (no or bad token, reason
 * {@code TOKEN_MISSING} / {@code TOKEN_INVALID}) or {@code PERMISSION_DENIED} (reason
 * {@code ROLE_REQUIRED}), with an {@code ErrorInfo} in the domain {@code security.stockwise}.
 */
public final class CallAuthorizer {
    static final String DOMAIN = "security.stockwise";

    private final RolePolicy policy;
    private final TokenVerifier verifier;

    public CallAuthorizer(RolePolicy policy, TokenVerifier verifier) {
        this.policy = policy;
        this.verifier = verifier;
    }

    /** Empty when the call may proceed, else the status to close it with. */
    public Optional<StatusRuntimeException> check(String fullMethodName, String authorization) {
        var allowed = policy.allowedRoles(fullMethodName);
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
            return Optional.of(refuse(Code.UNAUTHENTICATED, "TOKEN_MISSING", "a bearer token is required"));
        }
        TokenVerifier.Caller caller;
        try {
            caller = verifier.verify(authorization.substring(7).trim());
        } catch (TokenVerifier.InvalidToken e) {
            return Optional.of(refuse(Code.UNAUTHENTICATED, "TOKEN_INVALID", "the bearer token is not valid"));
        }
        for (var role : caller.roles()) {
            if (allowed.get().contains(role)) {
                return Optional.empty();
            }
        }
        return Optional.of(refuse(Code.PERMISSION_DENIED, "ROLE_REQUIRED",
                fullMethodName + " needs one of the roles " + new java.util.TreeSet<>(allowed.get())));
    }

    private static StatusRuntimeException refuse(Code code, String reason, String message) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build()))
                .build());
    }
}
