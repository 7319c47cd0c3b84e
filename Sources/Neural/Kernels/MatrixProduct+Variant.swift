import _MatrixKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MatrixProduct {
    /// One compiled version of the product kernel, named after the vector instructions it uses.
    ///
    /// | variant | floats per register | registers | tile of C in registers |
    /// |---------|---------------------|-----------|------------------------|
    /// | avx512  | 16                  | 32        | 12 rows × 32 columns   |
    /// | avx2    | 8 (with fused multiply-add) | 16 | 6 rows × 16 columns   |
    /// | neon    | 4                   | 32        | 8 rows × 12 columns    |
    /// | plain   | 4 (SSE2 or scalar, no fused multiply-add) | 16 | 4 rows × 8 columns |
    ///
    /// A tile needs one register per accumulator, one per vector of B and one for the broadcast element
    /// of A: 24 + 2 + 1 = 27 of 32 for avx512, 12 + 2 + 1 = 15 of 16 for avx2, 24 + 3 + 1 = 28 of 32 for neon.
    public enum Variant: Int32, CaseIterable, Sendable, CustomStringConvertible {
        case plain = 0, avx2 = 1, avx512 = 2, neon = 3

        public var description: String {
            switch self {
            case .plain: "plain"
            case .avx2: "avx2"
            case .avx512: "avx512"
            case .neon: "neon"
            }
        }

        /// Whether this binary holds the variant and the CPU running it can execute it.
        public var isSupported: Bool { gs_kernel_is_supported(rawValue) }

        /// The variants this CPU can run, narrowest first.
        public static var supported: [Variant] { allCases.filter(\.isSupported) }

        /// The widest variant the CPU running the program supports, found with CPUID on x86-64.
        public static var widestSupported: Variant { Variant(rawValue: gs_kernel_widest_supported_variant()) ?? .plain }

        /// The widest variant the engine was compiled for: a native build's target CPU.
        public static var compiled: Variant { Variant(rawValue: gs_kernel_compiled_variant()) ?? .plain }

        /// Whether this is the portable build (`GRADSCHOOL_PORTABLE=1`), which chooses its variant by CPUID.
        public static var isPortableBuild: Bool {
            #if GRADSCHOOL_PORTABLE
            true
            #else
            false
            #endif
        }

        /// The variant the build itself would choose: the compiled one in a native build, the widest the CPU
        /// supports in a portable build.
        public static var automatic: Variant { isPortableBuild ? widestSupported : compiled }

        /// The variant every product uses, chosen once: the environment variable `GRADSCHOOL_KERNEL`
        /// (plain, avx2, avx512 or neon) when it names a variant this CPU supports, else ``automatic``.
        public static let selection: Selection = Selection(requested: environmentValue("GRADSCHOOL_KERNEL"))

        /// The variant every product uses unless told otherwise.
        public static var selected: Variant { selection.variant }

        /// Which variant runs, and why when a request could not be honoured.
        public struct Selection: Sendable {
            public let variant: Variant
            /// A sentence saying why the requested variant is not used, or nil.
            public let problem: String?

            public init(requested: String?) {
                guard let requested, !requested.isEmpty else {
                    variant = Variant.automatic
                    problem = nil
                    return
                }
                guard let wanted = Variant.allCases.first(where: { $0.description == requested.lowercased() }) else {
                    variant = Variant.automatic
                    problem = "GRADSCHOOL_KERNEL=\(requested) names no kernel variant (choose plain, avx2, avx512 or neon); using \(variant)."
                    return
                }
                guard wanted.isSupported else {
                    variant = Variant.automatic
                    problem = "GRADSCHOOL_KERNEL=\(requested): this CPU cannot run the \(wanted) kernels; using \(variant)."
                    return
                }
                variant = wanted
                problem = nil
            }
        }

        private static func environmentValue(_ name: String) -> String? {
            guard let value = getenv(name) else { return nil }
            return String(cString: value)
        }
    }
}
