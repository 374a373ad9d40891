namespace CommandCenter.Regions;

/// <summary>Levels of the administrative hierarchy above an exam site.</summary>
public enum RegionLevel
{
    /// <summary>省: two-digit code, e.g. 43.</summary>
    Province,
    /// <summary>市州: six digits ending in 00, e.g. 430100.</summary>
    City,
    /// <summary>县市区 = exam district (考区), e.g. 430102.</summary>
    County,
}
