package dev.streamlog.gateway.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request whose body {@link RequestBodyFilter} has read whole: its input stream reads the buffered chunks. While
 * the filter serves it (the first time the application sees the request: on the spot, or in the async dispatch
 * the container made once the body had come) it calls itself a {@link DispatcherType#REQUEST}, which it is for
 * everything behind the filter (the filters after it, Spring MVC); later dispatches are what the container says. Not thread-safe
 * (a request is served by one thread at a time).
 */
final class BufferedRequest extends HttpServletRequestWrapper {

    /** A body read whole: its chunks in order and its length. Immutable by convention. */
    record Body(List<byte[]> chunks, long length) {
    }

    private final Body body;
    private boolean firstDispatch = true;
    private ServletInputStream stream;

    BufferedRequest(HttpServletRequest request, Body body) {
        super(request);
        this.body = body;
    }

    /** The filter's dispatch is over: from now on the dispatcher type is the container's. */
    void dispatched() {
        firstDispatch = false;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return firstDispatch ? DispatcherType.REQUEST : super.getDispatcherType();
    }

    @Override
    public ServletInputStream getInputStream() {
        if (stream == null) {
            stream = new ChunksInputStream(body.chunks());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
        return (int) Math.min(Integer.MAX_VALUE, body.length());
    }

    @Override
    public long getContentLengthLong() {
        return body.length();
    }

    /** Reads a list of byte arrays in turn; always ready. */
    private static final class ChunksInputStream extends ServletInputStream {

        private final List<byte[]> chunks;
        private int index;
        private int position;

        ChunksInputStream(List<byte[]> chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() {
            if (!advance()) {
                return -1;
            }
            return chunks.get(index)[position++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!advance()) {
                return -1;
            }
            byte[] current = chunks.get(index);
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }

        @Override
        public int available() {
            return advance() ? chunks.get(index).length - position : 0;
        }

        /** Moves past used-up chunks; whether a byte is left. */
        private boolean advance() {
            while (index < chunks.size() && position == chunks.get(index).length) {
                index++;
                position = 0;
            }
            return index < chunks.size();
        }

        @Override
        public boolean isFinished() {
            return !advance();
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
