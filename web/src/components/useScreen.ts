import { Grid } from 'antd';

const MD_QUERY = '(min-width: 768px)';
const LG_QUERY = '(min-width: 992px)';

/**
 * Screen width classes: below `isWide` (md, 768px) is a phone. antd's useBreakpoint reports
 * nothing on the first render; reading the media query directly avoids flashing the phone
 * layout on a desktop.
 */
export function useScreen(): { isWide: boolean; isLarge: boolean } {
  const screens = Grid.useBreakpoint();
  return {
    isWide: screens.md ?? window.matchMedia(MD_QUERY).matches,
    isLarge: screens.lg ?? window.matchMedia(LG_QUERY).matches,
  };
}
