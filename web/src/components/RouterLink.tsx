import { theme } from 'antd';
import { Link, type LinkProps } from 'react-router';

/** A client-side link coloured like antd's links (antd sets no global `a` style). */
export function RouterLink({ style, ...props }: LinkProps) {
  const { token } = theme.useToken();
  return <Link {...props} style={{ color: token.colorLink, textDecoration: 'none', ...style }} />;
}
