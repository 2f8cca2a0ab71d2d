/**
 * What every customer page shares: the HTML frame (one style, no script, every value escaped), the messages in
 * English and Chinese ({@code messages*.properties}), the language choice (Accept-Language, then {@code ?lang=}
 * remembered in a cookie), and the Content-Security-Policy each page is sent with.
 */
@NullMarked
package dev.sceneway.auth.page;

import org.jspecify.annotations.NullMarked;
