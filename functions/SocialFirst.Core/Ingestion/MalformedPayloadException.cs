namespace SocialFirst.Core.Ingestion;

/// <summary>Thrown by a platform adapter when a verified body cannot be read at all (bad JSON or XML, wrong envelope).</summary>
public sealed class MalformedPayloadException : Exception
{
    public MalformedPayloadException(string reason)
        : base(reason)
    {
    }

    public MalformedPayloadException(string reason, Exception inner)
        : base(reason, inner)
    {
    }

    public MalformedPayloadException()
    {
    }
}
