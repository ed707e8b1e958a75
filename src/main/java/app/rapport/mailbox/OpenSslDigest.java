package app.rapport.mailbox;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 computed by the system's OpenSSL 3 (libcrypto), straight from a Java array.
 *
 * <p>Every message is hashed once as it comes in. The JDK's digest uses the CPU's SHA instructions only in code the
 * optimizing compiler has made, and the batch commands (import, a first sync) run on the JIT's quick tier, where
 * hashing costs about a tenth of the whole import. OpenSSL picks the CPU's SHA instructions itself.
 *
 * <p>The project is compiled for Java 21, where the foreign-function API is still a preview, so the API is looked up
 * by reflection, once. What comes out is a method handle of plain Java types, {@code (byte[] data, long length, byte[]
 * digest) int}, which the JIT calls like any other. On a JDK before 22, on another system than Linux, without
 * libcrypto.so.3, or if its answer differs from the JDK's on a test input, there is no OpenSSL digest and the caller
 * uses the JDK's.
 */
final class OpenSslDigest {
    private static final Logger log = LoggerFactory.getLogger(OpenSslDigest.class);

    /**
     * Larger arrays are hashed by the JDK: during the call the array is pinned and the garbage collector waits, which
     * stays well under 20 ms at this size.
     */
    static final int MAX_LENGTH = 16 << 20;

    private static final Optional<OpenSslDigest> INSTANCE = link();

    private final MethodHandle evpDigest;

    private OpenSslDigest(MethodHandle evpDigest) {
        this.evpDigest = evpDigest;
    }

    /** The OpenSSL digest, when this JDK and this system have one (see the class comment). */
    static Optional<OpenSslDigest> instance() {
        return INSTANCE;
    }

    /** The SHA-256 of {@code bytes}, which must be at most {@link #MAX_LENGTH} long. */
    byte[] sha256(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("too long for a pinned call: " + bytes.length + " bytes");
        }
        byte[] digest = new byte[32];
        int ok;
        try {
            ok = (int) evpDigest.invokeExact(bytes, (long) bytes.length, digest);
        } catch (Throwable e) {
            throw new IllegalStateException("OpenSSL's SHA-256 failed", e);
        }
        if (ok != 1) {
            throw new IllegalStateException("OpenSSL's SHA-256 failed (EVP_Digest returned " + ok + ")");
        }
        return digest;
    }

    private static Optional<OpenSslDigest> link() {
        if (Runtime.version().feature() < 22
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        try {
            OpenSslDigest digest = new OpenSslDigest(evpDigestHandle());
            if (!digest.agreesWithTheJdk()) {
                log.warn("OpenSSL's SHA-256 disagrees with the JDK's; using the JDK's");
                return Optional.empty();
            }
            return Optional.of(digest);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("SHA-256 through OpenSSL is not available here ({}); using the JDK's", e.toString());
            return Optional.empty();
        }
    }

    private boolean agreesWithTheJdk() {
        byte[] sample = new byte[1000];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = (byte) (i * 31 + 7);
        }
        return Arrays.equals(sha256(sample), jdk(sample))
                && Arrays.equals(sha256(new byte[0]), jdk(new byte[0]));
    }

    private static byte[] jdk(byte[] bytes) {
        return Hashes.sha256Digest().digest(bytes);
    }

    /**
     * {@code EVP_Digest(data, count, md, NULL, sha256, NULL)} with {@code sha256} fetched once, as a handle taking
     * the two arrays. The call is linked as "critical" with heap access, so the arrays are passed without a copy.
     */
    private static MethodHandle evpDigestHandle() throws ReflectiveOperationException {
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
        Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
        Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
        Class<?> allocatorType = Class.forName("java.lang.foreign.SegmentAllocator");
        Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");

        Object linker = linkerType.getMethod("nativeLinker").invoke(null);
        Object arena = arenaType.getMethod("global").invoke(null);
        Object library = lookupType.getMethod("libraryLookup", String.class, arenaType)
                .invoke(null, "libcrypto.so.3", arena);
        Object address = valueLayoutType.getField("ADDRESS").get(null);
        Object sizeT = valueLayoutType.getField("JAVA_LONG").get(null);
        Object cInt = valueLayoutType.getField("JAVA_INT").get(null);
        Object nullSegment = segmentType.getField("NULL").get(null);
        Object layouts = Array.newInstance(layoutType, 0);
        Object noOptions = Array.newInstance(optionType, 0);

        // EVP_MD *EVP_MD_fetch(OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties)
        Object fetchDescriptor = descriptorType.getMethod("of", layoutType, layoutType.arrayType())
                .invoke(null, address, layouts(layoutType, address, address, address));
        MethodHandle fetch = (MethodHandle) linkerType
                .getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType())
                .invoke(linker, symbol(lookupType, library, "EVP_MD_fetch"), fetchDescriptor, noOptions);
        Object algorithm = allocatorType.getMethod("allocateFrom", String.class).invoke(arena, "SHA256");
        Object sha256;
        try {
            sha256 = fetch.invoke(nullSegment, algorithm, nullSegment);
        } catch (Throwable e) {
            throw new IllegalStateException("EVP_MD_fetch failed", e);
        }
        if ((long) segmentType.getMethod("address").invoke(sha256) == 0) {
            throw new IllegalStateException("OpenSSL has no SHA256");
        }

        // int EVP_Digest(const void *data, size_t count, unsigned char *md, unsigned int *size, const EVP_MD *type,
        //                ENGINE *impl)
        Object digestDescriptor = descriptorType.getMethod("of", layoutType, layoutType.arrayType())
                .invoke(null, cInt, layouts(layoutType, address, sizeT, address, address, address, address));
        Object critical = optionType.getMethod("critical", boolean.class).invoke(null, true);
        Object options = Array.newInstance(optionType, 1);
        Array.set(options, 0, critical);
        MethodHandle digest = (MethodHandle) linkerType
                .getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType())
                .invoke(linker, symbol(lookupType, library, "EVP_Digest"), digestDescriptor, options);

        MethodHandle ofArray = MethodHandles.publicLookup()
                .findStatic(segmentType, "ofArray", MethodType.methodType(segmentType, byte[].class));
        MethodHandle bound = MethodHandles.insertArguments(digest, 3, nullSegment, sha256, nullSegment);
        MethodHandle onArrays = MethodHandles.filterArguments(bound, 0, ofArray, null, ofArray);
        return onArrays.asType(MethodType.methodType(int.class, byte[].class, long.class, byte[].class));
    }

    private static Object layouts(Class<?> layoutType, Object... layouts) {
        Object array = Array.newInstance(layoutType, layouts.length);
        for (int i = 0; i < layouts.length; i++) {
            Array.set(array, i, layouts[i]);
        }
        return array;
    }

    private static Object symbol(Class<?> lookupType, Object library, String name)
            throws ReflectiveOperationException {
        Optional<?> found = (Optional<?>) lookupType.getMethod("find", String.class).invoke(library, name);
        return found.orElseThrow(() -> new IllegalStateException("libcrypto has no " + name));
    }
}
