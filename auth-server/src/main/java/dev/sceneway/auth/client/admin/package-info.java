/**
 * The admin API of partner apps ({@code /admin/clients}), for the portal: create, read, update, disable, approved
 * banks and keys. Callers present an access token of this server with scope {@code admin}.
 */
@NullMarked
package dev.sceneway.auth.client.admin;

import org.jspecify.annotations.NullMarked;
