package io.stockwise.cli.call;

import com.google.protobuf.Descriptors.FileDescriptor;
import io.grpc.Status;
import io.grpc.reflection.v1.ErrorResponse;
import io.grpc.reflection.v1.FileDescriptorResponse;
import io.grpc.reflection.v1.ListServiceResponse;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A v1 reflection service as thin as the protocol allows: {@code file_containing_symbol} answers
 * with the one file that declares the service (no imports), imports are served one by one by
 * {@code file_by_filename}, and {@code google/*} files are not served at all (NOT_FOUND).
 */
final class MinimalReflection extends ServerReflectionGrpc.ServerReflectionImplBase {
    private final Map<String, FileDescriptor> byName = new HashMap<>();
    private final FileDescriptor[] serviceFiles;
    final AtomicInteger fileByFilenameRequests = new AtomicInteger();

    MinimalReflection(FileDescriptor... serviceFiles) {
        this.serviceFiles = serviceFiles;
        for (FileDescriptor file : serviceFiles) {
            index(file);
        }
    }

    private void index(FileDescriptor file) {
        if (byName.putIfAbsent(file.getName(), file) == null) {
            file.getDependencies().forEach(this::index);
        }
    }

    @Override
    public StreamObserver<ServerReflectionRequest> serverReflectionInfo(StreamObserver<ServerReflectionResponse> out) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionRequest request) {
                var response = ServerReflectionResponse.newBuilder().setOriginalRequest(request);
                switch (request.getMessageRequestCase()) {
                    case LIST_SERVICES -> {
                        var list = ListServiceResponse.newBuilder();
                        for (FileDescriptor file : serviceFiles) {
                            file.getServices().forEach(s -> list.addService(
                                    ServiceResponse.newBuilder().setName(s.getFullName())));
                        }
                        response.setListServicesResponse(list);
                    }
                    case FILE_CONTAINING_SYMBOL -> {
                        FileDescriptor found = null;
                        for (FileDescriptor file : serviceFiles) {
                            if (file.findServiceByName(request.getFileContainingSymbol()
                                            .substring(file.getPackage().length() + 1)) != null) {
                                found = file;
                            }
                        }
                        if (found == null) {
                            response.setErrorResponse(notFound(request.getFileContainingSymbol()));
                        } else {
                            response.setFileDescriptorResponse(FileDescriptorResponse.newBuilder()
                                    .addFileDescriptorProto(found.toProto().toByteString()));
                        }
                    }
                    case FILE_BY_FILENAME -> {
                        fileByFilenameRequests.incrementAndGet();
                        String name = request.getFileByFilename();
                        FileDescriptor file = byName.get(name);
                        if (file == null || name.startsWith("google/")) {
                            response.setErrorResponse(notFound(name));
                        } else {
                            response.setFileDescriptorResponse(FileDescriptorResponse.newBuilder()
                                    .addFileDescriptorProto(file.toProto().toByteString()));
                        }
                    }
                    default -> response.setErrorResponse(ErrorResponse.newBuilder()
                            .setErrorCode(Status.Code.UNIMPLEMENTED.value())
                            .setErrorMessage("not implemented"));
                }
                out.onNext(response.build());
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                out.onCompleted();
            }
        };
    }

    private static ErrorResponse notFound(String what) {
        return ErrorResponse.newBuilder()
                .setErrorCode(Status.Code.NOT_FOUND.value())
                .setErrorMessage(what + " not found")
                .build();
    }
}
