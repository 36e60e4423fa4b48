import type { LucideIcon } from 'lucide-react';
import {
  Compass,
  Flame,
  Handshake,
  Heart,
  Lightbulb,
  Medal,
  Rocket,
  Search,
  Shield,
  Snowflake,
  Sparkles,
  Star,
  Target,
  ThumbsUp,
  Trophy,
  Zap,
} from 'lucide-react';
import type { BadgeIcon as BadgeIconName } from '../../../../shared/domain';

/** The badge icons, drawn from the icon set shipped with the app (SVG: no emoji font needed). */
const ICONS: Record<BadgeIconName, LucideIcon> = {
  star: Star,
  search: Search,
  shield: Shield,
  handshake: Handshake,
  compass: Compass,
  target: Target,
  trophy: Trophy,
  medal: Medal,
  flame: Flame,
  heart: Heart,
  lightbulb: Lightbulb,
  rocket: Rocket,
  'thumbs-up': ThumbsUp,
  zap: Zap,
  snowflake: Snowflake,
  sparkles: Sparkles,
};

/** A badge's icon, decorative: the badge's name always stands beside it. */
export function BadgeIcon({ icon, size = '1.1em' }: { icon: BadgeIconName | null; size?: number | string }) {
  const Icon = (icon && ICONS[icon]) || Heart;
  return <Icon className="badge-icon" size={size} aria-hidden="true" focusable="false" data-icon={icon ?? 'message'} />;
}
