import { connect } from 'node:net';

/**
 * Writes `text` on a new connection (and `later`, 80 ms after it: a body arriving in a later
 * packet) and resolves with all the server sent until it ended the connection.
 */
export function exchange(url: string, text: string, later?: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise<string>((resolve, reject) => {
    let received = '';
    const socket = connect(Number(port), hostname, () => {
      socket.write(text);
      if (later !== undefined) setTimeout(() => socket.write(later), 80);
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
}
