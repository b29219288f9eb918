using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Clearance.Server.Hosting;

/// <summary>
/// 200 OK with a JSON body written by source-generated code: the value is serialised by System.Text.Json's fast path
/// (the generated writer, not the metadata-driven converters that the HTTP options' extra enum converter forces) into
/// one buffer and sent with its Content-Length instead of in chunks. The OpenAPI document describes it as
/// <see cref="Microsoft.AspNetCore.Http.HttpResults.Ok{TValue}"/>.
/// </summary>
/// <remarks>Give it the context's own type info (e.g. <c>PolicyJson.Default.DecisionReport</c>): its options match the
/// generated code, so the fast path applies. The writer takes the HTTP JSON options' encoder and indentation, so the bytes
/// are the same as <see cref="Microsoft.AspNetCore.Http.HttpResults.Ok{TValue}"/> writes.</remarks>
public sealed class JsonOk<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>A buffer larger than this after a response is not kept for the thread's next one.</summary>
    private const int KeptBufferBytes = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly Action<Utf8JsonWriter>? _write;
    private Func<T>? _make;
    private T _value;

    public JsonOk(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        _value = value;
        _typeInfo = typeInfo;
    }

    /// <summary>An answer written by a writer that gives the serializer's bytes without building the value first.</summary>
    /// <param name="make">Makes the answer, only when it is asked for (<see cref="Value"/>, or output options the writer does not support).</param>
    /// <param name="typeInfo">Its source-generated type info: the OpenAPI schema, and the serializer when <paramref name="write"/> does not apply.</param>
    /// <param name="write">Writes the same bytes as the serializer would for the made value (e.g. <c>DecisionReportWriter</c>); used only with compact output.</param>
    public JsonOk(Func<T> make, JsonTypeInfo<T> typeInfo, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(write);
        _make = make;
        _value = default!;
        _typeInfo = typeInfo;
        _write = write;
    }

    public T Value
    {
        get
        {
            if (_make is { } make)
            {
                _value = make();
                _make = null;
            }

            return _value;
        }
    }

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        var http = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = http.Encoder, Indented = http.WriteIndented, SkipValidation = true }))
        {
            // The fast writer writes compact JSON (with the writer's encoder): indented output gets the serializer.
            if (_write is null || http.WriteIndented)
            {
                JsonSerializer.Serialize(writer, Value, _typeInfo);
            }
            else
            {
                _write(writer);
            }
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = buffer.WrittenCount;

        // Copied into the response's pipe before any await, so the thread's buffer is free for its next request.
        response.BodyWriter.Write(buffer.WrittenSpan);
        if (buffer.Capacity > KeptBufferBytes)
        {
            t_buffer = null;
        }

        return response.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
}
