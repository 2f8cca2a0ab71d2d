package dev.sceneway.products.credit.catalogue;

import dev.sceneway.products.problem.ProblemException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The list's opaque {@code cursor}: base64url (RFC 4648 section 5, no padding) of the last {@code productId} of the
 * previous page. Opaque to partners so the position can change form later; decoding is strict, so a cursor that
 * was not issued by us is a {@code bad-request} naming the parameter, never a database error.
 */
final class ProductCursor {

    /** {@code ProductId} in credit.yaml. */
    private static final Pattern PRODUCT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** The base64url alphabet without padding, as {@code Cursor} in common.yaml. */
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private ProductCursor() {
    }

    static String encode(String productId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(productId.getBytes(StandardCharsets.UTF_8));
    }

    /** The product id the cursor points after, or a {@code bad-request} problem naming {@code cursor}. */
    static String decode(String cursor) {
        if (!BASE64URL.matcher(cursor).matches()) {
            throw invalid();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            String productId = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (!PRODUCT_ID.matcher(productId).matches()) {
                throw invalid();
            }
            return productId;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest(
                "Parameter 'cursor' is not a cursor from this list; use links.next of the previous page.");
    }
}
