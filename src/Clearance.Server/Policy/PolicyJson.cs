using System.Text.Json;
using System.Text.Json.Serialization;
using Clearance.Server.Screening;

namespace Clearance.Server.Policy;

/// <summary>
/// Source-generated JSON for the policy and screening answers: no reflection at run time, and the evaluate endpoint
/// spends its time deciding rather than serialising. Registered first in the HTTP JSON options' resolver chain.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DecisionReport))]
[JsonSerializable(typeof(BatchReport))]
[JsonSerializable(typeof(WhatIfResponse))]
[JsonSerializable(typeof(TimelineResponse))]
[JsonSerializable(typeof(IReadOnlyList<PackSummary>))]
[JsonSerializable(typeof(PackReport))]
[JsonSerializable(typeof(ScreeningRequest))]
[JsonSerializable(typeof(ScreeningResponse))]
[JsonSerializable(typeof(ListSetReport))]
internal sealed partial class PolicyJson : JsonSerializerContext;
