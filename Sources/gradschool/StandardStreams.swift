import Foundation

/// Keeps a closed standard input, output or error closed in effect.
///
/// A program started with `>&-` has no descriptor 1, and the first file it opens (a model, a log) would
/// get number 1: everything meant for standard output would then be written into that file. Each closed
/// one of 0, 1 and 2 is filled with `/dev/null` opened the wrong way round (read-only for output, write-only
/// for input), so the number is taken and every write still fails with "Bad file descriptor", which the
/// commands report.
enum StandardStreams {
    static func holdClosedDescriptors() {
        for descriptor: Int32 in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let placeholder = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if placeholder >= 0 && placeholder != descriptor {
                dup2(placeholder, descriptor)
                close(placeholder)
            }
        }
    }
}
