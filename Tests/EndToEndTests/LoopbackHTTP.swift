import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client over a loopback socket, for talking to `gradschool serve` in tests: it can send
/// what a well-behaved client would not (a huge declared length, a body that never ends), which a full
/// client library refuses or hides.
enum LoopbackHTTP {
    struct Response {
        var status: Int
        var body: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `method path` with `body` to 127.0.0.1:`port` and reads the answer.
    static func request(_ method: String, _ path: String, body: String = "", port: Int) throws -> Response {
        try exchange(port: port, head: "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n"
                     + "Content-Type: application/json\r\nConnection: close\r\n\r\n", body: Array(body.utf8))
    }

    /// Sends headers declaring `declaredLength` bytes followed by only `sentBytes` of them, and reads the answer.
    static func declaring(_ declaredLength: Int, sending sentBytes: Int, port: Int) throws -> Response {
        try exchange(port: port, head: "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(declaredLength)\r\n"
                     + "Connection: close\r\n\r\n", body: [UInt8](repeating: 0x20, count: sentBytes))
    }

    /// Sends a chunked body of `bytes` bytes (no declared length) and reads the answer.
    static func chunked(_ bytes: Int, port: Int) throws -> Response {
        var body: [UInt8] = []
        let chunk = 64 * 1024
        var left = bytes
        while left > 0 {
            let size = min(chunk, left)
            body += Array((String(size, radix: 16) + "\r\n").utf8) + [UInt8](repeating: 0x20, count: size) + Array("\r\n".utf8)
            left -= size
        }
        body += Array("0\r\n\r\n".utf8)
        return try exchange(port: port, head: "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                            + "Connection: close\r\n\r\n", body: body)
    }

    private static func exchange(port: Int, head: String, body: [UInt8]) throws -> Response {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var noSignal: Int32 = 1
        #if canImport(Darwin)
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
        #endif
        _ = noSignal
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "could not connect to 127.0.0.1:\(port)") }
        // The server may answer and close before the whole body is sent (a refused large body): a failed
        // send is then expected, and the answer already waiting is read.
        let message = Array(head.utf8) + body
        var offset = 0
        while offset < message.count {
            let sent = message[offset...].withUnsafeBytes { buffer in
                #if canImport(Glibc)
                send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                #else
                send(descriptor, buffer.baseAddress, buffer.count, 0)
                #endif
            }
            if sent <= 0 { break }
            offset += sent
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
            if let response = parse(received) { return response }
        }
        if let response = parse(received) { return response }
        throw Failure(description: "no complete answer from 127.0.0.1:\(port) (got \(received.count) bytes)")
    }

    /// The response in `bytes` once its head and its declared body have all arrived.
    private static func parse(_ bytes: [UInt8]) -> Response? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return nil }
        let head = text[..<end.lowerBound]
        let statusLine = head.split(separator: "\r\n").first ?? ""
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        let length = head.split(separator: "\r\n").dropFirst().compactMap { line -> Int? in
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == "content-length" else { return nil }
            return Int(pair[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        let body = Array(text[end.upperBound...].utf8)
        guard body.count >= length else { return nil }
        return Response(status: status, body: String(decoding: body.prefix(length), as: UTF8.self))
    }
}
