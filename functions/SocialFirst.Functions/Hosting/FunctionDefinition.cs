namespace SocialFirst.Functions.Hosting;

/// <summary>One binding of a function.json (only the fields we use).</summary>
public sealed record BindingDefinition(
    string Type,
    string Direction,
    string Name,
    string? Route = null,
    IReadOnlyList<string>? Methods = null,
    string? AuthLevel = null,
    string? QueueName = null,
    string? Schedule = null,
    string? Connection = null,
    bool RunOnStartup = false);

/// <summary>A function as declared by its folder's function.json.</summary>
public sealed record FunctionDefinition(string Name, IReadOnlyList<BindingDefinition> Bindings)
{
    public BindingDefinition Trigger => Bindings.First(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    public TriggerKind Kind => Trigger.Type.ToLowerInvariant() switch
    {
        "httptrigger" => TriggerKind.Http,
        "queuetrigger" => TriggerKind.Queue,
        "servicebustrigger" => TriggerKind.ServiceBus,
        "timertrigger" => TriggerKind.Timer,
        _ => TriggerKind.Other,
    };

    /// <summary>
    /// True when the host proxies the raw HTTP request to the handler (only one httpTrigger in and one http out);
    /// every other function gets the Data/Metadata invocation payload.
    /// </summary>
    public bool IsProxiedHttp =>
        Bindings.Count == 2 && Kind == TriggerKind.Http && Bindings.Any(b => b.Type.Equals("http", StringComparison.OrdinalIgnoreCase) && b.Direction == "out");
}

public enum TriggerKind
{
    Http,
    Queue,
    ServiceBus,
    Timer,
    Other,
}
