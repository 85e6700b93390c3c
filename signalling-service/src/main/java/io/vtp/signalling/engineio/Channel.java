package io.vtp.signalling.engineio;

/** A WebSocket as the Engine.IO server uses it (kept apart from websockets-next for the unit tests). */
public interface Channel {

    void sendText(String text);

    void sendBinary(byte[] data);

    void close();
}
