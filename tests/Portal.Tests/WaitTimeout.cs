using System.Runtime.CompilerServices;
using Bunit;

namespace Integration.Portal.Tests;

/// <summary>
/// bUnit's waits give the renderer's dispatcher one second by default; on a loaded two-core CI
/// machine it sometimes does not run within that (a wait failed before its condition was ever
/// checked). A wait still returns as soon as its condition holds, so a longer bound costs nothing.
/// </summary>
internal static class WaitTimeout
{
#pragma warning disable CA2255 // A test assembly's own setting, before any test class is built.
    [ModuleInitializer]
    internal static void Lengthen() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(30);
#pragma warning restore CA2255
}
