using System.Net;
using System.Net.Sockets;

namespace SocialFirst.Testing;

public static class FreePorts
{
    private static readonly HashSet<int> Issued = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// A TCP port on 127.0.0.1 that was free a moment ago and was not handed out before in this process: the kernel may
    /// give a just-released port again, and two fixtures (or Azurite's blob and queue services) must not share one.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            lock (Gate)
            {
                if (Issued.Add(port))
                {
                    return port;
                }
            }
        }
    }

    public static async Task<bool> WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            }
        }

        return false;
    }
}
