package dev.sceneway.gateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Lua script whose text and SHA-1 are fixed when it is loaded. Spring Data's {@code DefaultRedisScript} takes a
 * lock and asks its source whether it changed on every call; for a script inside the fat jar that question throws
 * and catches an exception per request, under the lock, on the event loop. This one is immutable: nothing to lock.
 *
 * @param <T> the script's result type
 */
public final class LoadedScript<T> implements RedisScript<T> {

    private final String text;
    private final String sha1;
    private final Class<T> resultType;

    private LoadedScript(String text, Class<T> resultType) {
        this.text = text;
        this.sha1 = sha1(text);
        this.resultType = resultType;
    }

    /** A script given as text. */
    public static <T> LoadedScript<T> of(String text, Class<T> resultType) {
        return new LoadedScript<>(text, resultType);
    }

    /** A script read once from the classpath; a missing script fails at class initialisation, not per request. */
    public static <T> LoadedScript<T> fromClasspath(String path, Class<T> resultType) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new LoadedScript<>(new String(in.readAllBytes(), StandardCharsets.UTF_8), resultType);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the Redis script " + path, ex);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK has SHA-1", ex);
        }
    }

    @Override
    public String getSha1() {
        return sha1;
    }

    @Override
    public Class<T> getResultType() {
        return resultType;
    }

    @Override
    public String getScriptAsString() {
        return text;
    }
}
