package io.vtp.auth.rest.dto;

/** Field limits and formats shared by the request bodies. */
final class Limits {
    static final int EMAIL = 254;
    static final int NAME = 200;
    static final int TOKEN = 512;
    static final String PHONE = "^\\+?[0-9][0-9 ()\\-]{4,30}$";
    static final String PHONE_MESSAGE = "must be a phone number of digits, spaces, (), - and an optional leading +";

    private Limits() {
    }
}
