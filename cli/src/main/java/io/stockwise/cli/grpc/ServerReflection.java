package io.stockwise.cli.grpc;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.CodeProto;
import com.google.rpc.ErrorDetailsProto;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCalls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A client of a server's gRPC server reflection service ({@code grpc.reflection.v1}, falling back
 * to {@code grpc.reflection.v1alpha} for older servers): lists the services and turns the file
 * descriptors the server sends into {@link FileDescriptor}s, resolving imports file by file.
 * Well-known files ({@code google/protobuf/*.proto}, {@code google/rpc/*.proto}) the server does
 * not serve are taken from the protobuf runtime. Not thread-safe.
 */
public final class ServerReflection {
    static final String V1 = "grpc.reflection.v1.ServerReflection";
    static final String V1ALPHA = "grpc.reflection.v1alpha.ServerReflection";

    /** Files every protobuf runtime has, used when the server does not serve them. */
    private static final Map<String, FileDescriptor> BUILT_IN = Stream.of(
                    AnyProto.getDescriptor(),
                    ApiProto.getDescriptor(),
                    DescriptorProtos.getDescriptor(),
                    DurationProto.getDescriptor(),
                    EmptyProto.getDescriptor(),
                    FieldMaskProto.getDescriptor(),
                    SourceContextProto.getDescriptor(),
                    StructProto.getDescriptor(),
                    TimestampProto.getDescriptor(),
                    TypeProto.getDescriptor(),
                    WrappersProto.getDescriptor(),
                    CodeProto.getDescriptor(),
                    ErrorDetailsProto.getDescriptor(),
                    com.google.rpc.StatusProto.getDescriptor())
            .collect(Collectors.toMap(FileDescriptor::getName, f -> f));

    private final Channel channel;
    private final CallOptions callOptions;
    private final String target;
    /** The reflection service version that answered; null until the first exchange. */
    private String serviceName;

    private final Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
    private final Map<String, FileDescriptor> files = new LinkedHashMap<>();

    /**
     * @param channel the server's channel (with any headers the server wants attached)
     * @param callOptions options of every reflection call, normally with a deadline
     * @param target the server's address, for messages
     */
    public ServerReflection(Channel channel, CallOptions callOptions, String target) {
        this.channel = channel;
        this.callOptions = callOptions;
        this.target = target;
    }

    /** The fully-qualified names of the services the server exposes, in the server's order. */
    public List<String> listServices() {
        var response = exchange(ServerReflectionRequest.newBuilder().setListServices("*").build());
        if (!response.hasListServicesResponse()) {
            throw unexpected(response, "a service list");
        }
        return response.getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName)
                .toList();
    }

    /**
     * The descriptor of the service named {@code fullName} (e.g. {@code stockwise.v1.FeatureService}),
     * with its file and all that file's imports resolved.
     *
     * @throws StatusRuntimeException if reflection fails or the server does not know the service
     */
    public ServiceDescriptor service(String fullName) {
        for (FileDescriptor file : files.values()) {
            ServiceDescriptor found = findService(file, fullName);
            if (found != null) {
                return found;
            }
        }
        var response = exchange(ServerReflectionRequest.newBuilder().setFileContainingSymbol(fullName).build());
        List<String> names = addFiles(response, "the file declaring " + fullName);
        for (String name : names) {
            ServiceDescriptor found = findService(file(name, fullName), fullName);
            if (found != null) {
                return found;
            }
        }
        throw Status.NOT_FOUND
                .withDescription("server reflection of " + target + " sent no file declaring service " + fullName)
                .asRuntimeException();
    }

    /** Every file resolved so far, imports included. */
    public List<FileDescriptor> files() {
        return List.copyOf(files.values());
    }

    /**
     * A JSON type registry of every message type resolved so far plus the {@code google.rpc} error
     * details, so that {@code google.protobuf.Any} fields holding them print and parse.
     */
    public JsonFormat.TypeRegistry typeRegistry() {
        var builder = JsonFormat.TypeRegistry.newBuilder();
        Set<String> seen = new HashSet<>();
        for (FileDescriptor file : files.values()) {
            addMessages(file, builder, seen);
        }
        // Last, so that a copy the server sent wins (the registry skips files it already has).
        addMessages(ErrorDetailsProto.getDescriptor(), builder, seen);
        return builder.build();
    }

    private static void addMessages(FileDescriptor file, JsonFormat.TypeRegistry.Builder builder, Set<String> seen) {
        if (!seen.add(file.getName())) {
            return;
        }
        builder.add(file.getMessageTypes());
        for (FileDescriptor dependency : file.getDependencies()) {
            addMessages(dependency, builder, seen);
        }
    }

    private static ServiceDescriptor findService(FileDescriptor file, String fullName) {
        for (ServiceDescriptor service : file.getServices()) {
            if (service.getFullName().equals(fullName)) {
                return service;
            }
        }
        return null;
    }

    /** Stores the files of a file descriptor response; returns their names in response order. */
    private List<String> addFiles(ServerReflectionResponse response, String wanted) {
        if (!response.hasFileDescriptorResponse()) {
            throw unexpected(response, wanted);
        }
        List<String> names = new ArrayList<>();
        for (ByteString bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            FileDescriptorProto proto;
            try {
                proto = FileDescriptorProto.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw Status.INTERNAL
                        .withDescription("server reflection of " + target + " sent a malformed file descriptor: "
                                + e.getMessage())
                        .asRuntimeException();
            }
            protos.putIfAbsent(proto.getName(), proto);
            names.add(proto.getName());
        }
        return names;
    }

    /** The built file {@code name}, fetching it and its imports as needed. */
    private FileDescriptor file(String name, String neededBy) {
        FileDescriptor built = files.get(name);
        if (built != null) {
            return built;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            try {
                addFiles(exchange(ServerReflectionRequest.newBuilder().setFileByFilename(name).build()), name);
            } catch (StatusRuntimeException e) {
                if (BUILT_IN.containsKey(name)) {
                    files.put(name, BUILT_IN.get(name));
                    return BUILT_IN.get(name);
                }
                throw Status.fromCode(e.getStatus().getCode())
                        .withDescription("cannot get " + name + " (imported by " + neededBy + ") from server reflection of "
                                + target + ": " + e.getStatus().getDescription())
                        .asRuntimeException();
            }
            proto = protos.get(name);
            if (proto == null) {
                if (BUILT_IN.containsKey(name)) {
                    files.put(name, BUILT_IN.get(name));
                    return BUILT_IN.get(name);
                }
                throw Status.NOT_FOUND
                        .withDescription("server reflection of " + target + " did not send " + name
                                + " (imported by " + neededBy + ")")
                        .asRuntimeException();
            }
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String dependency : proto.getDependencyList()) {
            dependencies.add(file(dependency, name));
        }
        try {
            built = FileDescriptor.buildFrom(proto, dependencies.toArray(new FileDescriptor[0]));
        } catch (DescriptorValidationException e) {
            throw Status.INTERNAL
                    .withDescription("invalid descriptor " + name + " from server reflection of " + target + ": "
                            + e.getMessage())
                    .asRuntimeException();
        }
        files.put(name, built);
        return built;
    }

    /**
     * One request, one response, on a stream of its own. Tries {@code v1} first and remembers
     * {@code v1alpha} if the server only has that one. A reflection error response becomes a
     * {@link StatusRuntimeException} with its code.
     */
    private ServerReflectionResponse exchange(ServerReflectionRequest request) {
        ServerReflectionResponse response;
        if (serviceName != null) {
            response = exchange(serviceName, request);
        } else {
            try {
                response = exchange(V1, request);
                serviceName = V1;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                    throw e;
                }
                try {
                    response = exchange(V1ALPHA, request);
                    serviceName = V1ALPHA;
                } catch (StatusRuntimeException e2) {
                    if (e2.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                        throw e2;
                    }
                    throw Status.UNIMPLEMENTED
                            .withDescription("the server at " + target + " does not offer gRPC server reflection ("
                                    + V1 + " or " + V1ALPHA + ")")
                            .asRuntimeException();
                }
            }
        }
        if (response.hasErrorResponse()) {
            var error = response.getErrorResponse();
            throw Status.fromCodeValue(error.getErrorCode())
                    .withDescription("server reflection: " + error.getErrorMessage())
                    .asRuntimeException();
        }
        return response;
    }

    private ServerReflectionResponse exchange(String service, ServerReflectionRequest request) {
        // v1 and v1alpha messages are identical on the wire; only the service name differs.
        MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> method =
                MethodDescriptor.<ServerReflectionRequest, ServerReflectionResponse>newBuilder()
                        .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "ServerReflectionInfo"))
                        .setRequestMarshaller(ProtoUtils.marshaller(ServerReflectionRequest.getDefaultInstance()))
                        .setResponseMarshaller(ProtoUtils.marshaller(ServerReflectionResponse.getDefaultInstance()))
                        .build();
        // One request then half-close: the server answers exactly once, as a unary call would.
        return ClientCalls.blockingUnaryCall(channel, method, callOptions, request);
    }

    private StatusRuntimeException unexpected(ServerReflectionResponse response, String wanted) {
        return Status.INTERNAL
                .withDescription("server reflection of " + target + " answered " + response.getMessageResponseCase()
                        + " when asked for " + wanted)
                .asRuntimeException();
    }
}
