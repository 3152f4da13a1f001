namespace SocialFirst.Functions.Hosting;

/// <summary>
/// A non-HTTP function (queue, Service Bus or timer trigger). The host calls it through <c>POST /{Name}</c>; the
/// standalone runner calls it with the same payload. Throwing fails the invocation, so the trigger retries.
/// </summary>
public interface IFunctionHandler
{
    /// <summary>The function's name: its folder name, where its function.json lives.</summary>
    string Name { get; }

    Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
