package io.vtp.auth.rest.dto;

import java.util.List;

/** A page of users: {@code {users: [...], total, limit, offset}}. */
public record UserListResponse(List<UserResponse> users, long total, int limit, int offset) {
}
