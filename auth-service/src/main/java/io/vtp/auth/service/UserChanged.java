package io.vtp.auth.service;

import java.util.UUID;

/** Fired inside the transaction that changed a user; caches drop the user once it completes. */
public record UserChanged(UUID userId) {
}
