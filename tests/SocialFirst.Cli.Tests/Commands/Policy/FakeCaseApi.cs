using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SocialFirst.Cli.Tests.Commands.Policy;

/// <summary>What the fake read API received.</summary>
internal sealed record ApiCall(string Path, NameValueCollection Query, string? ApiKey);

/// <summary>
/// The app's read API faked on 127.0.0.1 (a free port, <see cref="HttpListener"/>): records every request and answers
/// with <c>respond</c> (status and JSON body).
/// </summary>
internal sealed class FakeCaseApi : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<ApiCall, (int Status, string Body)> _respond;
    private readonly Task _loop;

    private FakeCaseApi(HttpListener listener, Uri baseUrl, Func<ApiCall, (int Status, string Body)> respond)
    {
        _listener = listener;
        _respond = respond;
        BaseUrl = baseUrl;
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<ApiCall> Calls { get; } = new();

    public static FakeCaseApi Start(Func<ApiCall, (int Status, string Body)> respond)
    {
        for (var attempt = 0; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.AbsoluteUri);
            try
            {
                listener.Start();
                return new FakeCaseApi(listener, url, respond);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // the port was taken in between: try another
            }
        }
    }

    /// <summary>A loopback port nothing listens on (for the unreachable case).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var call = new ApiCall(context.Request.Url!.AbsolutePath, context.Request.QueryString, context.Request.Headers["X-Api-Key"]);
            Calls.Enqueue(call);
            var (status, body) = _respond(call);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
