package io.stockwise.cli.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** Calls any rpc, of any {@link MethodType}, with {@link DynamicMessage}s built from descriptors. */
public final class DynamicCalls {
    private DynamicCalls() {}

    /** The gRPC method type of {@code method}. */
    public static MethodType methodType(Descriptors.MethodDescriptor method) {
        if (method.isClientStreaming()) {
            return method.isServerStreaming() ? MethodType.BIDI_STREAMING : MethodType.CLIENT_STREAMING;
        }
        return method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY;
    }

    /** A gRPC method descriptor for {@code method} that sends and receives {@link DynamicMessage}s. */
    public static MethodDescriptor<DynamicMessage, DynamicMessage> methodDescriptor(Descriptors.MethodDescriptor method) {
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(methodType(method))
                .setFullMethodName(
                        MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()))
                .setRequestMarshaller(new Marshaller(method.getInputType()))
                .setResponseMarshaller(new Marshaller(method.getOutputType()))
                .build();
    }

    /**
     * Calls {@code method}: sends {@code requests} (exactly one unless the method is client- or
     * bidi-streaming), half-closes, and hands each response to {@code onResponse} on the calling
     * thread as it arrives. Returns when the server closes the call with OK.
     *
     * @throws StatusRuntimeException when the call ends with any other status (with its trailers)
     * @throws IllegalArgumentException when {@code requests} does not fit the method type
     */
    public static void call(
            Channel channel,
            Descriptors.MethodDescriptor method,
            CallOptions callOptions,
            List<DynamicMessage> requests,
            Consumer<DynamicMessage> onResponse) {
        if (!method.isClientStreaming() && requests.size() != 1) {
            throw new IllegalArgumentException(method.getFullName() + " takes exactly one request, got " + requests.size());
        }
        ClientCall<DynamicMessage, DynamicMessage> call = channel.newCall(methodDescriptor(method), callOptions);
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(DynamicMessage message) {
                        events.add(message);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        events.add(new Closed(status, trailers));
                    }
                },
                new Metadata());
        int received = 0;
        try {
            call.request(1);
            for (DynamicMessage request : requests) {
                call.sendMessage(request);
            }
            call.halfClose();
            while (true) {
                Object event = events.take();
                if (event instanceof Closed closed) {
                    if (!closed.status().isOk()) {
                        throw closed.status().asRuntimeException(closed.trailers());
                    }
                    if (!method.isServerStreaming() && received != 1) {
                        throw Status.INTERNAL
                                .withDescription(method.getFullName() + " answered " + received
                                        + " messages instead of one")
                                .asRuntimeException();
                    }
                    return;
                }
                received++;
                onResponse.accept((DynamicMessage) event);
                call.request(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel("interrupted", e);
            throw Status.CANCELLED.withDescription("interrupted").withCause(e).asRuntimeException();
        } catch (RuntimeException | Error e) {
            call.cancel("client failed", e);
            throw e;
        }
    }

    private record Closed(Status status, Metadata trailers) {}

    /** Serializes {@link DynamicMessage}s of one type to and from protobuf binary. */
    static final class Marshaller implements MethodDescriptor.Marshaller<DynamicMessage> {
        private final Descriptors.Descriptor type;

        Marshaller(Descriptors.Descriptor type) {
            this.type = type;
        }

        @Override
        public InputStream stream(DynamicMessage value) {
            return value.toByteString().newInput();
        }

        @Override
        public DynamicMessage parse(InputStream stream) {
            try {
                return DynamicMessage.parseFrom(type, stream);
            } catch (InvalidProtocolBufferException e) {
                throw Status.INTERNAL
                        .withDescription("cannot parse a " + type.getFullName() + ": " + e.getMessage())
                        .withCause(e)
                        .asRuntimeException();
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("cannot read a " + type.getFullName()).withCause(e)
                        .asRuntimeException();
            }
        }
    }
}
