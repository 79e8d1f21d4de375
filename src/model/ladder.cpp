#include "model/ladder.hpp"

#include <array>

namespace flashpoint {

namespace {
// Goldstein scores as listed with the CAMEO codebook (see ../shared/FACTS.md, "Event coding").
constexpr std::array kCeasefire{CameoCode{"0871", 9.0, 1}};
constexpr std::array kNegotiate{CameoCode{"038", 7.0, 1}, CameoCode{"046", 7.0, 1}};
constexpr std::array kDeescalate{CameoCode{"036", 4.0, 1}};
constexpr std::array kAccuse{CameoCode{"1123", -2.0, 3}, CameoCode{"111", -2.0, 2}};
constexpr std::array kThreaten{CameoCode{"138", -7.0, 1}};
constexpr std::array kMobilise{CameoCode{"152", -7.2, 1}, CameoCode{"154", -7.2, 1}};
constexpr std::array kClose{CameoCode{"191", -9.5, 7}, CameoCode{"163", -8.0, 3}};
constexpr std::array kDeport{CameoCode{"174", -5.0, 1}};
constexpr std::array kStrike{CameoCode{"195", -10.0, 1}};
// Small arms (square law) and artillery (linear law): which one is a combat draw, not a weight.
constexpr std::array kAssault{CameoCode{"193", -10.0, 1}, CameoCode{"194", -10.0, 1}};
constexpr std::array kDeepStrike{CameoCode{"195", -10.0, 1}};
// Fire across the line: the same codes as an assault, by the same combat draw.
constexpr std::array kExchangeFire{CameoCode{"193", -10.0, 1}, CameoCode{"194", -10.0, 1}};
// A strike on military targets (air bases, bases, headquarters): aerial weapons, as any strike.
constexpr std::array kStrikeMilitary{CameoCode{"195", -10.0, 1}};
// Non-military coercion (docs/model.md 7.22): reduce relations (root 16, -4; 161 diplomatic
// relations), embargo or sanctions (163, -8), restrict movement (191, -9.5).
// A nuclear signal (docs/model.md 7.23): a threat of force (138) or a show of force, e.g. a
// missile test or a command authority convened in public (150, root 15 -7.2).
constexpr std::array kNuclearSignal{CameoCode{"138", -7.0, 1}, CameoCode{"150", -7.2, 1}};
constexpr std::array kDowngradeTies{CameoCode{"161", -4.0, 1}};
constexpr std::array kSuspendVisas{CameoCode{"160", -4.0, 1}};
constexpr std::array kCloseAirspace{CameoCode{"191", -9.5, 1}};
constexpr std::array kFinancialPressure{CameoCode{"163", -8.0, 1}};
constexpr std::array kSuspendTreaty{CameoCode{"163", -8.0, 1}};
constexpr std::array kOffensive{CameoCode{"192", -9.5, 1}, CameoCode{"190", -10.0, 1}};
}  // namespace

std::span<const CameoCode> cameo_variants(Action a) {
  switch (a) {
    case Action::kCeasefire:
      return kCeasefire;
    case Action::kNegotiate:
      return kNegotiate;
    case Action::kDeescalate:
      return kDeescalate;
    case Action::kHold:
      return {};
    case Action::kAccuse:
      return kAccuse;
    case Action::kThreaten:
      return kThreaten;
    case Action::kMobilise:
      return kMobilise;
    case Action::kCloseCrossings:
      return kClose;
    case Action::kDeport:
      return kDeport;
    case Action::kStrikeSanctuary:
      return kStrike;
    case Action::kAssaultPosts:
      return kAssault;
    case Action::kDeepStrike:
      return kDeepStrike;
    case Action::kOffensive:
      return kOffensive;
    case Action::kExchangeFire:
      return kExchangeFire;
    case Action::kStrikeMilitary:
      return kStrikeMilitary;
    case Action::kNuclearSignal:
      return kNuclearSignal;
    case Action::kDowngradeTies:
      return kDowngradeTies;
    case Action::kSuspendVisas:
      return kSuspendVisas;
    case Action::kCloseAirspace:
      return kCloseAirspace;
    case Action::kFinancialPressure:
      return kFinancialPressure;
    case Action::kSuspendTreaty:
      return kSuspendTreaty;
  }
  return {};
}

std::string_view acled_sub_event_type_for(std::string_view cameo) {
  if (cameo == "195") return "Air/drone strike";
  if (cameo == "194") return "Shelling/artillery/missile attack";
  if (cameo == "193" || cameo == "190" || cameo == "192") return "Armed clash";
  if (cameo == "0871") return "Agreement";
  if (cameo == "0874") return "Non-violent transfer of territory";  // a post handed back
  if (cameo == "191" || cameo == "163" || cameo == "174" || cameo == "0872") return "Other";
  return {};  // statements, threats, alerts, talks and mediation: ACLED codes none of them
}

int quad_class(std::string_view cameo) {
  if (cameo.size() < 2) return 0;
  int root = (cameo[0] - '0') * 10 + (cameo[1] - '0');
  if (root >= 1 && root <= 5) return 1;
  if (root >= 6 && root <= 8) return 2;
  if (root >= 9 && root <= 13) return 3;
  if (root >= 14 && root <= 20) return 4;
  return 0;
}

}  // namespace flashpoint
