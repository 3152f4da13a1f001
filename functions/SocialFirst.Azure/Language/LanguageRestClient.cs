using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using SocialFirst.Azure.Http;
using SocialFirst.Azure.Storage;

namespace SocialFirst.Azure.Language;

/// <summary>
/// The synchronous text-analysis call <c>POST {endpoint}/language/:analyze-text?api-version=...</c>, batched by the
/// per-kind document limits and the 1 MB request limit. Request-level failures throw
/// <see cref="LanguageServiceException"/> (after the pipeline's retries for 429/5xx/timeouts, honouring Retry-After;
/// 403 quota-exceeded is not retried); per-document errors are returned, not thrown.
/// </summary>
public sealed partial class LanguageRestClient
{
    public const string Scope = "https://cognitiveservices.azure.com/.default";
    public const string KeyHeader = "Ocp-Apim-Subscription-Key";

    public const string LanguageDetection = "LanguageDetection";
    public const string SentimentAnalysis = "SentimentAnalysis";
    public const string KeyPhraseExtraction = "KeyPhraseExtraction";
    public const string EntityRecognition = "EntityRecognition";
    public const string PiiEntityRecognition = "PiiEntityRecognition";

    /// <summary>Keep each request body under the service's 1 MB limit with room for the JSON around the texts.</summary>
    internal const int MaxRequestTextBytes = 900_000;

    private readonly HttpPipeline _pipeline;
    private readonly Uri _uri;
    private readonly bool _loggingOptOut;
    private readonly ILogger<LanguageRestClient> _logger;

    public LanguageRestClient(LanguageOptions options, HttpPipeline pipeline, ILogger<LanguageRestClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(logger);
        var endpoint = options.Endpoint ?? throw new ArgumentException("Language:Endpoint is not set.", nameof(options));
        _uri = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + endpoint.AbsolutePath.TrimEnd('/') + "/language/:analyze-text?api-version=" + Uri.EscapeDataString(options.ApiVersion));
        _pipeline = pipeline;
        _loggingOptOut = options.LoggingOptOut;
        _logger = logger;
    }

    /// <summary>Documents per synchronous request, by kind (data-limits.md; more is rejected with HTTP 400).</summary>
    public static IReadOnlyDictionary<string, int> MaxDocumentsPerRequest { get; } = new Dictionary<string, int>
    {
        [LanguageDetection] = 1000,
        [SentimentAnalysis] = 10,
        [KeyPhraseExtraction] = 10,
        [EntityRecognition] = 5,
        [PiiEntityRecognition] = 5,
    };

    /// <summary>
    /// The pipeline: the key in <c>Ocp-Apim-Subscription-Key</c> when <see cref="LanguageOptions.ApiKey"/> is set,
    /// otherwise a bearer token for <see cref="Scope"/> from <paramref name="credential"/> (default
    /// <see cref="DefaultAzureCredential"/> with the configured managed identity).
    /// </summary>
    public static HttpPipeline CreatePipeline(LanguageOptions options, TokenCredential? credential = null, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        HttpPipelinePolicy authentication = !string.IsNullOrWhiteSpace(options.ApiKey)
            ? new ApiKeyPolicy(new global::Azure.AzureKeyCredential(options.ApiKey), KeyHeader)
            : new BearerTokenAuthenticationPolicy(
                credential ?? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId }),
                Scope);
        var clientOptions = AzureRestClientOptions.Create(
            options.MaxRetries,
            TimeSpan.FromSeconds(options.NetworkTimeoutSeconds),
            TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
            transport: transport);
        return AzureRestPipeline.Build(clientOptions, authentication);
    }

    /// <summary>Runs one kind over all documents, in as many requests as the limits need.</summary>
    internal async Task<(List<TDocument> Documents, List<DocumentFailure> Failures)> AnalyzeAsync<TDocument>(
        string kind,
        IReadOnlyList<AnalyzeDocument> documents,
        JsonObject? parameters,
        CancellationToken cancellationToken)
    {
        var results = new List<TDocument>(documents.Count);
        var failures = new List<DocumentFailure>();
        foreach (var batch in Batches(documents, MaxDocumentsPerRequest[kind]))
        {
            var body = Body(kind, batch, parameters);
            using var message = _pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Post;
            message.Request.Uri.Reset(_uri);
            message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
            message.Request.Content = RequestContent.Create(body);
            await _pipeline.SendAsync(message, cancellationToken);
            var response = message.Response;
            if (response.Status != 200)
            {
                var (code, detail) = RestErrors.Read(response);
                Log.RequestFailed(_logger, kind, batch.Count, response.Status, code);
                throw new LanguageServiceException(kind, response.Status, code, detail);
            }

            var parsed = response.Content.ToObjectFromJson<AnalyzeTextResponse<TDocument>>(StorageJson.Options)
                ?? throw new LanguageServiceException($"Azure AI Language answered {kind} with an empty body.");
            results.AddRange(parsed.Results?.Documents ?? []);
            foreach (var error in parsed.Results?.Errors ?? [])
            {
                var failure = new DocumentFailure(error.Id, kind, error.Error?.Code, error.Error?.Innererror?.Code, error.Error?.Innererror?.Message ?? error.Error?.Message);
                Log.DocumentFailed(_logger, kind, error.Id, failure.Describe());
                failures.Add(failure);
            }

            Log.BatchAnalysed(_logger, kind, batch.Count, parsed.Results?.Errors?.Count ?? 0);
        }

        return (results, failures);
    }

    /// <summary>Consecutive batches of at most <paramref name="maxDocuments"/> documents and <see cref="MaxRequestTextBytes"/> of text.</summary>
    internal static IEnumerable<IReadOnlyList<AnalyzeDocument>> Batches(IReadOnlyList<AnalyzeDocument> documents, int maxDocuments)
    {
        var batch = new List<AnalyzeDocument>(Math.Min(maxDocuments, documents.Count));
        var bytes = 0;
        foreach (var document in documents)
        {
            var size = Encoding.UTF8.GetByteCount(document.Text) + 64;
            if (batch.Count > 0 && (batch.Count == maxDocuments || bytes + size > MaxRequestTextBytes))
            {
                yield return batch;
                batch = new List<AnalyzeDocument>(Math.Min(maxDocuments, documents.Count));
                bytes = 0;
            }

            batch.Add(document);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private byte[] Body(string kind, IReadOnlyList<AnalyzeDocument> batch, JsonObject? parameters)
    {
        var parameterObject = new JsonObject { ["modelVersion"] = "latest", ["loggingOptOut"] = _loggingOptOut };
        foreach (var (name, value) in parameters ?? [])
        {
            parameterObject[name] = value?.DeepClone();
        }

        var documents = new JsonArray();
        foreach (var document in batch)
        {
            var node = new JsonObject { ["id"] = document.Id, ["text"] = document.Text };
            if (document.Language is not null && kind != LanguageDetection)
            {
                node["language"] = document.Language;
            }

            documents.Add(node);
        }

        var body = new JsonObject
        {
            ["kind"] = kind,
            ["parameters"] = parameterObject,
            ["analysisInput"] = new JsonObject { ["documents"] = documents },
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, StorageJson.Options);
    }

    private static partial class Log
    {
        [LoggerMessage(8201, LogLevel.Debug, "Azure AI Language {Kind}: {Documents} documents analysed, {Errors} document errors")]
        public static partial void BatchAnalysed(ILogger logger, string kind, int documents, int errors);

        [LoggerMessage(8202, LogLevel.Warning, "Azure AI Language {Kind} request with {Documents} documents failed: HTTP {Status}, error code {ErrorCode}")]
        public static partial void RequestFailed(ILogger logger, string kind, int documents, int status, string? errorCode);

        [LoggerMessage(8203, LogLevel.Warning, "Azure AI Language {Kind}: document {DocumentId} failed with {ErrorCode}")]
        public static partial void DocumentFailed(ILogger logger, string kind, string documentId, string errorCode);
    }
}
