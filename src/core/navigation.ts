/**
 * Where the host sends the whole page away (to the hosted checkout, to a 3-D Secure page). One
 * object, so a test can watch the navigation without its page leaving. Internal: not exported
 * from the package.
 */
export const topNavigation = {
  assign(url: string): void {
    window.location.assign(url);
  },
};
